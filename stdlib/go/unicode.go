// Package unicode provides data and functions to test some properties of
// Unicode code points. The classification tables are Go's own, generated
// into stdlib/unicode_tables.cpp (Unicode 13.0, as in Go 1.19).
package unicode

const (
	MaxRune         = '\U0010FFFF' // Maximum valid Unicode code point.
	ReplacementChar = '\uFFFD'     // Represents invalid code points.
	MaxASCII        = '\u007F'     // maximum ASCII value.
	MaxLatin1       = '\u00FF'     // maximum Latin-1 value.
)

// Indices into the Delta arrays inside CaseRanges for case mapping.
const (
	UpperCase = iota
	LowerCase
	TitleCase
	MaxCase
)

func IsLetter(r rune) bool
func IsDigit(r rune) bool
func IsNumber(r rune) bool
func IsSpace(r rune) bool
func IsUpper(r rune) bool
func IsLower(r rune) bool
func IsTitle(r rune) bool
func IsPunct(r rune) bool
func IsControl(r rune) bool
func IsPrint(r rune) bool
func IsGraphic(r rune) bool
func IsMark(r rune) bool
func IsSymbol(r rune) bool
func ToUpper(r rune) rune
func ToLower(r rune) rune
func ToTitle(r rune) rune

// To maps the rune to the specified case: UpperCase, LowerCase, or TitleCase.
func To(_case int, r rune) rune {
	switch _case {
	case UpperCase:
		return ToUpper(r)
	case LowerCase:
		return ToLower(r)
	case TitleCase:
		return ToTitle(r)
	}
	return ReplacementChar
}

// SimpleFold iterates over Unicode code points equivalent under the
// Unicode-defined simple case folding: the smallest rune > r if one exists,
// or else the smallest rune >= 0 (SimpleFold('A') = 'a', SimpleFold('a') =
// 'A', SimpleFold('K') = 'k', SimpleFold('k') = '\u212A').
func SimpleFold(r rune) rune

// Range16 represents of a range of 16-bit Unicode code points. The range
// runs from Lo to Hi inclusive and has the specified stride.
type Range16 struct {
	Lo     uint16
	Hi     uint16
	Stride uint16
}

// Range32 represents of a range of Unicode code points and is used when one
// or more of the values will not fit in 16 bits.
type Range32 struct {
	Lo     uint32
	Hi     uint32
	Stride uint32
}

// RangeTable defines a set of Unicode code points by listing the ranges of
// code points within the set, sorted, in two slices (16-bit and 32-bit).
// LatinOffset is the number of entries in R16 with Hi <= MaxLatin1.
type RangeTable struct {
	R16         []Range16
	R32         []Range32
	LatinOffset int
}

// GraphicRanges defines the set of graphic characters according to Unicode.
var GraphicRanges = []*RangeTable{L, M, N, P, S, Zs}

// PrintRanges defines the set of printable characters according to Go.
var PrintRanges = []*RangeTable{L, M, N, P, S}

// The exported tables' data lives in C++ (stdlib/unicode_tables.cpp);
// newTable copies table id into Go slices when the package initializes.
func tableSizes(id int) (n16, n32, latinOffset int)
func fillTable(id int, r16 []Range16, r32 []Range32)

func newTable(id int) *RangeTable {
	n16, n32, latinOffset := tableSizes(id)
	t := &RangeTable{LatinOffset: latinOffset}
	if n16 > 0 {
		t.R16 = make([]Range16, n16)
	}
	if n32 > 0 {
		t.R32 = make([]Range32, n32)
	}
	fillTable(id, t.R16, t.R32)
	return t
}

// linearMax is the maximum size table for linear search for non-Latin1 rune.
const linearMax = 18

// is16 reports whether r is in the sorted slice of 16-bit ranges.
func is16(ranges []Range16, r uint16) bool {
	if len(ranges) <= linearMax || r <= MaxLatin1 {
		for i := range ranges {
			range_ := &ranges[i]
			if r < range_.Lo {
				return false
			}
			if r <= range_.Hi {
				return range_.Stride == 1 || (r-range_.Lo)%range_.Stride == 0
			}
		}
		return false
	}

	// binary search over ranges
	lo := 0
	hi := len(ranges)
	for lo < hi {
		m := lo + (hi-lo)/2
		range_ := &ranges[m]
		if range_.Lo <= r && r <= range_.Hi {
			return range_.Stride == 1 || (r-range_.Lo)%range_.Stride == 0
		}
		if r < range_.Lo {
			hi = m
		} else {
			lo = m + 1
		}
	}
	return false
}

// is32 reports whether r is in the sorted slice of 32-bit ranges.
func is32(ranges []Range32, r uint32) bool {
	if len(ranges) <= linearMax {
		for i := range ranges {
			range_ := &ranges[i]
			if r < range_.Lo {
				return false
			}
			if r <= range_.Hi {
				return range_.Stride == 1 || (r-range_.Lo)%range_.Stride == 0
			}
		}
		return false
	}

	// binary search over ranges
	lo := 0
	hi := len(ranges)
	for lo < hi {
		m := lo + (hi-lo)/2
		range_ := ranges[m]
		if range_.Lo <= r && r <= range_.Hi {
			return range_.Stride == 1 || (r-range_.Lo)%range_.Stride == 0
		}
		if r < range_.Lo {
			hi = m
		} else {
			lo = m + 1
		}
	}
	return false
}

// Is reports whether the rune is in the specified table of ranges.
func Is(rangeTab *RangeTable, r rune) bool {
	r16 := rangeTab.R16
	// Compare as uint32 to correctly handle negative runes.
	if len(r16) > 0 && uint32(r) <= uint32(r16[len(r16)-1].Hi) {
		return is16(r16, uint16(r))
	}
	r32 := rangeTab.R32
	if len(r32) > 0 && r >= rune(r32[0].Lo) {
		return is32(r32, uint32(r))
	}
	return false
}

// IsOneOf reports whether the rune is a member of one of the ranges.
// The function "In" provides a nicer signature and should be used in
// preference to IsOneOf.
func IsOneOf(ranges []*RangeTable, r rune) bool {
	for _, inside := range ranges {
		if Is(inside, r) {
			return true
		}
	}
	return false
}

// In reports whether the rune is a member of one of the ranges.
func In(r rune, ranges ...*RangeTable) bool {
	for _, inside := range ranges {
		if Is(inside, r) {
			return true
		}
	}
	return false
}

// ---- generated by stdlib/tools/gen_unicode_tables.go: do not edit below

// The exported range tables, by category, script and property name.
var (
	C = newTable(0)
	Cc = newTable(1)
	Cf = newTable(2)
	Co = newTable(3)
	Cs = newTable(4)
	L = newTable(5)
	Ll = newTable(6)
	Lm = newTable(7)
	Lo = newTable(8)
	Lt = newTable(9)
	Lu = newTable(10)
	M = newTable(11)
	Mc = newTable(12)
	Me = newTable(13)
	Mn = newTable(14)
	N = newTable(15)
	Nd = newTable(16)
	Nl = newTable(17)
	No = newTable(18)
	P = newTable(19)
	Pc = newTable(20)
	Pd = newTable(21)
	Pe = newTable(22)
	Pf = newTable(23)
	Pi = newTable(24)
	Po = newTable(25)
	Ps = newTable(26)
	S = newTable(27)
	Sc = newTable(28)
	Sk = newTable(29)
	Sm = newTable(30)
	So = newTable(31)
	Z = newTable(32)
	Zl = newTable(33)
	Zp = newTable(34)
	Zs = newTable(35)
	Adlam = newTable(36)
	Ahom = newTable(37)
	Anatolian_Hieroglyphs = newTable(38)
	Arabic = newTable(39)
	Armenian = newTable(40)
	Avestan = newTable(41)
	Balinese = newTable(42)
	Bamum = newTable(43)
	Bassa_Vah = newTable(44)
	Batak = newTable(45)
	Bengali = newTable(46)
	Bhaiksuki = newTable(47)
	Bopomofo = newTable(48)
	Brahmi = newTable(49)
	Braille = newTable(50)
	Buginese = newTable(51)
	Buhid = newTable(52)
	Canadian_Aboriginal = newTable(53)
	Carian = newTable(54)
	Caucasian_Albanian = newTable(55)
	Chakma = newTable(56)
	Cham = newTable(57)
	Cherokee = newTable(58)
	Chorasmian = newTable(59)
	Common = newTable(60)
	Coptic = newTable(61)
	Cuneiform = newTable(62)
	Cypriot = newTable(63)
	Cyrillic = newTable(64)
	Deseret = newTable(65)
	Devanagari = newTable(66)
	Dives_Akuru = newTable(67)
	Dogra = newTable(68)
	Duployan = newTable(69)
	Egyptian_Hieroglyphs = newTable(70)
	Elbasan = newTable(71)
	Elymaic = newTable(72)
	Ethiopic = newTable(73)
	Georgian = newTable(74)
	Glagolitic = newTable(75)
	Gothic = newTable(76)
	Grantha = newTable(77)
	Greek = newTable(78)
	Gujarati = newTable(79)
	Gunjala_Gondi = newTable(80)
	Gurmukhi = newTable(81)
	Han = newTable(82)
	Hangul = newTable(83)
	Hanifi_Rohingya = newTable(84)
	Hanunoo = newTable(85)
	Hatran = newTable(86)
	Hebrew = newTable(87)
	Hiragana = newTable(88)
	Imperial_Aramaic = newTable(89)
	Inherited = newTable(90)
	Inscriptional_Pahlavi = newTable(91)
	Inscriptional_Parthian = newTable(92)
	Javanese = newTable(93)
	Kaithi = newTable(94)
	Kannada = newTable(95)
	Katakana = newTable(96)
	Kayah_Li = newTable(97)
	Kharoshthi = newTable(98)
	Khitan_Small_Script = newTable(99)
	Khmer = newTable(100)
	Khojki = newTable(101)
	Khudawadi = newTable(102)
	Lao = newTable(103)
	Latin = newTable(104)
	Lepcha = newTable(105)
	Limbu = newTable(106)
	Linear_A = newTable(107)
	Linear_B = newTable(108)
	Lisu = newTable(109)
	Lycian = newTable(110)
	Lydian = newTable(111)
	Mahajani = newTable(112)
	Makasar = newTable(113)
	Malayalam = newTable(114)
	Mandaic = newTable(115)
	Manichaean = newTable(116)
	Marchen = newTable(117)
	Masaram_Gondi = newTable(118)
	Medefaidrin = newTable(119)
	Meetei_Mayek = newTable(120)
	Mende_Kikakui = newTable(121)
	Meroitic_Cursive = newTable(122)
	Meroitic_Hieroglyphs = newTable(123)
	Miao = newTable(124)
	Modi = newTable(125)
	Mongolian = newTable(126)
	Mro = newTable(127)
	Multani = newTable(128)
	Myanmar = newTable(129)
	Nabataean = newTable(130)
	Nandinagari = newTable(131)
	New_Tai_Lue = newTable(132)
	Newa = newTable(133)
	Nko = newTable(134)
	Nushu = newTable(135)
	Nyiakeng_Puachue_Hmong = newTable(136)
	Ogham = newTable(137)
	Ol_Chiki = newTable(138)
	Old_Hungarian = newTable(139)
	Old_Italic = newTable(140)
	Old_North_Arabian = newTable(141)
	Old_Permic = newTable(142)
	Old_Persian = newTable(143)
	Old_Sogdian = newTable(144)
	Old_South_Arabian = newTable(145)
	Old_Turkic = newTable(146)
	Oriya = newTable(147)
	Osage = newTable(148)
	Osmanya = newTable(149)
	Pahawh_Hmong = newTable(150)
	Palmyrene = newTable(151)
	Pau_Cin_Hau = newTable(152)
	Phags_Pa = newTable(153)
	Phoenician = newTable(154)
	Psalter_Pahlavi = newTable(155)
	Rejang = newTable(156)
	Runic = newTable(157)
	Samaritan = newTable(158)
	Saurashtra = newTable(159)
	Sharada = newTable(160)
	Shavian = newTable(161)
	Siddham = newTable(162)
	SignWriting = newTable(163)
	Sinhala = newTable(164)
	Sogdian = newTable(165)
	Sora_Sompeng = newTable(166)
	Soyombo = newTable(167)
	Sundanese = newTable(168)
	Syloti_Nagri = newTable(169)
	Syriac = newTable(170)
	Tagalog = newTable(171)
	Tagbanwa = newTable(172)
	Tai_Le = newTable(173)
	Tai_Tham = newTable(174)
	Tai_Viet = newTable(175)
	Takri = newTable(176)
	Tamil = newTable(177)
	Tangut = newTable(178)
	Telugu = newTable(179)
	Thaana = newTable(180)
	Thai = newTable(181)
	Tibetan = newTable(182)
	Tifinagh = newTable(183)
	Tirhuta = newTable(184)
	Ugaritic = newTable(185)
	Vai = newTable(186)
	Wancho = newTable(187)
	Warang_Citi = newTable(188)
	Yezidi = newTable(189)
	Yi = newTable(190)
	Zanabazar_Square = newTable(191)
	ASCII_Hex_Digit = newTable(192)
	Bidi_Control = newTable(193)
	Dash = newTable(194)
	Deprecated = newTable(195)
	Diacritic = newTable(196)
	Extender = newTable(197)
	Hex_Digit = newTable(198)
	Hyphen = newTable(199)
	IDS_Binary_Operator = newTable(200)
	IDS_Trinary_Operator = newTable(201)
	Ideographic = newTable(202)
	Join_Control = newTable(203)
	Logical_Order_Exception = newTable(204)
	Noncharacter_Code_Point = newTable(205)
	Other_Alphabetic = newTable(206)
	Other_Default_Ignorable_Code_Point = newTable(207)
	Other_Grapheme_Extend = newTable(208)
	Other_ID_Continue = newTable(209)
	Other_ID_Start = newTable(210)
	Other_Lowercase = newTable(211)
	Other_Math = newTable(212)
	Other_Uppercase = newTable(213)
	Pattern_Syntax = newTable(214)
	Pattern_White_Space = newTable(215)
	Prepended_Concatenation_Mark = newTable(216)
	Quotation_Mark = newTable(217)
	Radical = newTable(218)
	Regional_Indicator = newTable(219)
	STerm = newTable(220)
	Soft_Dotted = newTable(221)
	Terminal_Punctuation = newTable(222)
	Unified_Ideograph = newTable(223)
	Variation_Selector = newTable(224)
	White_Space = newTable(225)
)

// Second names of tables.
var (
	Digit = Nd
	Letter = L
	Lower = Ll
	Mark = M
	Number = N
	Other = C
	Punct = P
	Space = Z
	Symbol = S
	Title = Lt
	Upper = Lu
	Sentence_Terminal = STerm
)

// Categories is the set of Unicode category tables.
var Categories = map[string]*RangeTable{
	"C": C,
	"Cc": Cc,
	"Cf": Cf,
	"Co": Co,
	"Cs": Cs,
	"L": L,
	"Ll": Ll,
	"Lm": Lm,
	"Lo": Lo,
	"Lt": Lt,
	"Lu": Lu,
	"M": M,
	"Mc": Mc,
	"Me": Me,
	"Mn": Mn,
	"N": N,
	"Nd": Nd,
	"Nl": Nl,
	"No": No,
	"P": P,
	"Pc": Pc,
	"Pd": Pd,
	"Pe": Pe,
	"Pf": Pf,
	"Pi": Pi,
	"Po": Po,
	"Ps": Ps,
	"S": S,
	"Sc": Sc,
	"Sk": Sk,
	"Sm": Sm,
	"So": So,
	"Z": Z,
	"Zl": Zl,
	"Zp": Zp,
	"Zs": Zs,
}

// Scripts is the set of Unicode script tables.
var Scripts = map[string]*RangeTable{
	"Adlam": Adlam,
	"Ahom": Ahom,
	"Anatolian_Hieroglyphs": Anatolian_Hieroglyphs,
	"Arabic": Arabic,
	"Armenian": Armenian,
	"Avestan": Avestan,
	"Balinese": Balinese,
	"Bamum": Bamum,
	"Bassa_Vah": Bassa_Vah,
	"Batak": Batak,
	"Bengali": Bengali,
	"Bhaiksuki": Bhaiksuki,
	"Bopomofo": Bopomofo,
	"Brahmi": Brahmi,
	"Braille": Braille,
	"Buginese": Buginese,
	"Buhid": Buhid,
	"Canadian_Aboriginal": Canadian_Aboriginal,
	"Carian": Carian,
	"Caucasian_Albanian": Caucasian_Albanian,
	"Chakma": Chakma,
	"Cham": Cham,
	"Cherokee": Cherokee,
	"Chorasmian": Chorasmian,
	"Common": Common,
	"Coptic": Coptic,
	"Cuneiform": Cuneiform,
	"Cypriot": Cypriot,
	"Cyrillic": Cyrillic,
	"Deseret": Deseret,
	"Devanagari": Devanagari,
	"Dives_Akuru": Dives_Akuru,
	"Dogra": Dogra,
	"Duployan": Duployan,
	"Egyptian_Hieroglyphs": Egyptian_Hieroglyphs,
	"Elbasan": Elbasan,
	"Elymaic": Elymaic,
	"Ethiopic": Ethiopic,
	"Georgian": Georgian,
	"Glagolitic": Glagolitic,
	"Gothic": Gothic,
	"Grantha": Grantha,
	"Greek": Greek,
	"Gujarati": Gujarati,
	"Gunjala_Gondi": Gunjala_Gondi,
	"Gurmukhi": Gurmukhi,
	"Han": Han,
	"Hangul": Hangul,
	"Hanifi_Rohingya": Hanifi_Rohingya,
	"Hanunoo": Hanunoo,
	"Hatran": Hatran,
	"Hebrew": Hebrew,
	"Hiragana": Hiragana,
	"Imperial_Aramaic": Imperial_Aramaic,
	"Inherited": Inherited,
	"Inscriptional_Pahlavi": Inscriptional_Pahlavi,
	"Inscriptional_Parthian": Inscriptional_Parthian,
	"Javanese": Javanese,
	"Kaithi": Kaithi,
	"Kannada": Kannada,
	"Katakana": Katakana,
	"Kayah_Li": Kayah_Li,
	"Kharoshthi": Kharoshthi,
	"Khitan_Small_Script": Khitan_Small_Script,
	"Khmer": Khmer,
	"Khojki": Khojki,
	"Khudawadi": Khudawadi,
	"Lao": Lao,
	"Latin": Latin,
	"Lepcha": Lepcha,
	"Limbu": Limbu,
	"Linear_A": Linear_A,
	"Linear_B": Linear_B,
	"Lisu": Lisu,
	"Lycian": Lycian,
	"Lydian": Lydian,
	"Mahajani": Mahajani,
	"Makasar": Makasar,
	"Malayalam": Malayalam,
	"Mandaic": Mandaic,
	"Manichaean": Manichaean,
	"Marchen": Marchen,
	"Masaram_Gondi": Masaram_Gondi,
	"Medefaidrin": Medefaidrin,
	"Meetei_Mayek": Meetei_Mayek,
	"Mende_Kikakui": Mende_Kikakui,
	"Meroitic_Cursive": Meroitic_Cursive,
	"Meroitic_Hieroglyphs": Meroitic_Hieroglyphs,
	"Miao": Miao,
	"Modi": Modi,
	"Mongolian": Mongolian,
	"Mro": Mro,
	"Multani": Multani,
	"Myanmar": Myanmar,
	"Nabataean": Nabataean,
	"Nandinagari": Nandinagari,
	"New_Tai_Lue": New_Tai_Lue,
	"Newa": Newa,
	"Nko": Nko,
	"Nushu": Nushu,
	"Nyiakeng_Puachue_Hmong": Nyiakeng_Puachue_Hmong,
	"Ogham": Ogham,
	"Ol_Chiki": Ol_Chiki,
	"Old_Hungarian": Old_Hungarian,
	"Old_Italic": Old_Italic,
	"Old_North_Arabian": Old_North_Arabian,
	"Old_Permic": Old_Permic,
	"Old_Persian": Old_Persian,
	"Old_Sogdian": Old_Sogdian,
	"Old_South_Arabian": Old_South_Arabian,
	"Old_Turkic": Old_Turkic,
	"Oriya": Oriya,
	"Osage": Osage,
	"Osmanya": Osmanya,
	"Pahawh_Hmong": Pahawh_Hmong,
	"Palmyrene": Palmyrene,
	"Pau_Cin_Hau": Pau_Cin_Hau,
	"Phags_Pa": Phags_Pa,
	"Phoenician": Phoenician,
	"Psalter_Pahlavi": Psalter_Pahlavi,
	"Rejang": Rejang,
	"Runic": Runic,
	"Samaritan": Samaritan,
	"Saurashtra": Saurashtra,
	"Sharada": Sharada,
	"Shavian": Shavian,
	"Siddham": Siddham,
	"SignWriting": SignWriting,
	"Sinhala": Sinhala,
	"Sogdian": Sogdian,
	"Sora_Sompeng": Sora_Sompeng,
	"Soyombo": Soyombo,
	"Sundanese": Sundanese,
	"Syloti_Nagri": Syloti_Nagri,
	"Syriac": Syriac,
	"Tagalog": Tagalog,
	"Tagbanwa": Tagbanwa,
	"Tai_Le": Tai_Le,
	"Tai_Tham": Tai_Tham,
	"Tai_Viet": Tai_Viet,
	"Takri": Takri,
	"Tamil": Tamil,
	"Tangut": Tangut,
	"Telugu": Telugu,
	"Thaana": Thaana,
	"Thai": Thai,
	"Tibetan": Tibetan,
	"Tifinagh": Tifinagh,
	"Tirhuta": Tirhuta,
	"Ugaritic": Ugaritic,
	"Vai": Vai,
	"Wancho": Wancho,
	"Warang_Citi": Warang_Citi,
	"Yezidi": Yezidi,
	"Yi": Yi,
	"Zanabazar_Square": Zanabazar_Square,
}

// Properties is the set of Unicode property tables.
var Properties = map[string]*RangeTable{
	"ASCII_Hex_Digit": ASCII_Hex_Digit,
	"Bidi_Control": Bidi_Control,
	"Dash": Dash,
	"Deprecated": Deprecated,
	"Diacritic": Diacritic,
	"Extender": Extender,
	"Hex_Digit": Hex_Digit,
	"Hyphen": Hyphen,
	"IDS_Binary_Operator": IDS_Binary_Operator,
	"IDS_Trinary_Operator": IDS_Trinary_Operator,
	"Ideographic": Ideographic,
	"Join_Control": Join_Control,
	"Logical_Order_Exception": Logical_Order_Exception,
	"Noncharacter_Code_Point": Noncharacter_Code_Point,
	"Other_Alphabetic": Other_Alphabetic,
	"Other_Default_Ignorable_Code_Point": Other_Default_Ignorable_Code_Point,
	"Other_Grapheme_Extend": Other_Grapheme_Extend,
	"Other_ID_Continue": Other_ID_Continue,
	"Other_ID_Start": Other_ID_Start,
	"Other_Lowercase": Other_Lowercase,
	"Other_Math": Other_Math,
	"Other_Uppercase": Other_Uppercase,
	"Pattern_Syntax": Pattern_Syntax,
	"Pattern_White_Space": Pattern_White_Space,
	"Prepended_Concatenation_Mark": Prepended_Concatenation_Mark,
	"Quotation_Mark": Quotation_Mark,
	"Radical": Radical,
	"Regional_Indicator": Regional_Indicator,
	"STerm": STerm,
	"Sentence_Terminal": Sentence_Terminal,
	"Soft_Dotted": Soft_Dotted,
	"Terminal_Punctuation": Terminal_Punctuation,
	"Unified_Ideograph": Unified_Ideograph,
	"Variation_Selector": Variation_Selector,
	"White_Space": White_Space,
}
// ---- end of generated tables
