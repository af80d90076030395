// Types: interning, printing as Go's %T does, method lookup, interface
// satisfaction, constant arithmetic and representability.
#include <gtest/gtest.h>

#include "lang/constant.h"
#include "lang/types.h"

namespace mgo {
namespace {

TEST(Types, InterningMakesIdentityPointerEquality) {
  TypeTable& tt = types();
  EXPECT_EQ(tt.slice(tt.Int()), tt.slice(tt.Int()));
  EXPECT_NE(tt.slice(tt.Int()), tt.slice(tt.Int64()));
  EXPECT_EQ(tt.map(tt.String(), tt.Int()), tt.map(tt.String(), tt.Int()));
  EXPECT_EQ(tt.func({tt.Int()}, {tt.String()}, false), tt.func({tt.Int()}, {tt.String()}, false));
  EXPECT_NE(tt.func({tt.slice(tt.Int())}, {}, true), tt.func({tt.slice(tt.Int())}, {}, false));
  StructField f;
  f.name = "X";
  f.type = tt.Int();
  EXPECT_EQ(tt.structure({f}), tt.structure({f}));
}

TEST(Types, StrMatchesGoPercentT) {
  TypeTable& tt = types();
  EXPECT_EQ(tt.slice(tt.Int())->str(), "[]int");
  EXPECT_EQ(tt.map(tt.String(), tt.Int())->str(), "map[string]int");
  EXPECT_EQ(tt.array(tt.Uint8(), 4)->str(), "[4]uint8");
  EXPECT_EQ(tt.pointer(tt.Float64())->str(), "*float64");
  EXPECT_EQ(tt.chan(ChanDir::Send, tt.Int())->str(), "chan<- int");
  EXPECT_EQ(tt.chan(ChanDir::Recv, tt.Int())->str(), "<-chan int");
  EXPECT_EQ(tt.func({tt.Int()}, {tt.String(), tt.Error()}, false)->str(), "func(int) (string, error)");
  EXPECT_EQ(tt.func({tt.Int(), tt.slice(tt.String())}, {}, true)->str(), "func(int, ...string)");
  EXPECT_EQ(tt.EmptyInterface()->str(), "interface {}");
  EXPECT_EQ(tt.Error()->str(), "error");
  StructField x, y;
  x.name = "X";
  x.type = tt.Int();
  y.name = "y";
  y.type = tt.String();
  EXPECT_EQ(tt.structure({x, y})->str(), "struct { X int; y string }");
  EXPECT_EQ(tt.structure({})->str(), "struct {}");
}

TEST(Types, SlotsAndOffsets) {
  TypeTable& tt = types();
  StructField a, b;
  a.name = "a";
  a.type = tt.array(tt.Int(), 3);
  b.name = "b";
  b.type = tt.String();
  const Type* s = tt.structure({a, b});
  EXPECT_EQ(s->slots(), 4);
  EXPECT_EQ(s->fields[1].offset, 3);
  EXPECT_EQ(tt.slice(s)->slots(), 1);
}

TEST(Types, ComparableAndAssignable) {
  TypeTable& tt = types();
  EXPECT_TRUE(tt.Int()->comparable());
  EXPECT_FALSE(tt.slice(tt.Int())->comparable());
  EXPECT_TRUE(assignable(tt.Int(), tt.EmptyInterface()));
  EXPECT_FALSE(assignable(tt.Int(), tt.Int64()));
  EXPECT_TRUE(assignable(tt.UntypedNil(), tt.slice(tt.Int())));
  EXPECT_TRUE(convertible(tt.String(), tt.slice(tt.Uint8())));
  EXPECT_TRUE(convertible(tt.Int(), tt.String()));
  EXPECT_FALSE(convertible(tt.String(), tt.Int()));
  // The default type of an untyped rune is rune, as written: identical to int32.
  EXPECT_EQ(default_type(tt.basic(Kind::UntypedRune)), tt.Rune());
  EXPECT_TRUE(identical(default_type(tt.basic(Kind::UntypedRune)), tt.Int32()));
}

// byte, rune, any and named parameters are spelled variants: distinct Type
// objects that print as written in messages, identical to their canonical
// variant, which is what %T (Type::str) prints.
TEST(Types, SpelledVariantsAreIdenticalToCanonicalOnes) {
  TypeTable& tt = types();
  EXPECT_NE(tt.Byte(), tt.Uint8());
  EXPECT_TRUE(identical(tt.Byte(), tt.Uint8()));
  EXPECT_TRUE(identical(tt.Rune(), tt.Int32()));
  EXPECT_FALSE(identical(tt.Byte(), tt.Int32()));
  EXPECT_TRUE(identical(tt.Any(), tt.EmptyInterface()));
  EXPECT_EQ(canonical(tt.Byte()), tt.Uint8());
  EXPECT_TRUE(tt.Uint8()->is_canonical());
  EXPECT_FALSE(tt.Byte()->is_canonical());

  const Type* bs = tt.slice(tt.Byte());
  EXPECT_EQ(bs, tt.slice(tt.Byte()));  // spelled variants are interned too
  EXPECT_NE(bs, tt.slice(tt.Uint8()));
  EXPECT_EQ(canonical(bs), tt.slice(tt.Uint8()));
  EXPECT_EQ(canonical(bs)->elem, tt.Uint8());  // canonical parts
  EXPECT_EQ(type_string(bs, nullptr), "[]byte");
  EXPECT_EQ(bs->str(), "[]uint8");
  EXPECT_EQ(type_string(tt.slice(tt.Uint8()), nullptr), "[]uint8");

  const Type* m = tt.map(tt.String(), tt.slice(tt.Any()));
  EXPECT_EQ(type_string(m, nullptr), "map[string][]any");
  EXPECT_EQ(m->str(), "map[string][]interface {}");
  EXPECT_EQ(type_string(tt.EmptyInterface(), nullptr), "interface{}");
  EXPECT_EQ(canonical(m), tt.map(tt.String(), tt.slice(tt.EmptyInterface())));

  const Type* f = tt.func({tt.Byte()}, {tt.Rune()}, false, {"b"}, {""});
  EXPECT_EQ(type_string(f, nullptr), "func(b byte) rune");
  EXPECT_EQ(f->str(), "func(uint8) int32");
  EXPECT_EQ(canonical(f), tt.func({tt.Uint8()}, {tt.Int32()}, false));
  // Names alone make a spelled variant; all-unnamed lists do not.
  const Type* g = tt.func({tt.Int(), tt.Int()}, {tt.Int(), tt.Error()}, false, {"a", "b"},
                          {"n", "err"});
  EXPECT_EQ(type_string(g, nullptr), "func(a int, b int) (n int, err error)");
  EXPECT_EQ(canonical(g), tt.func({tt.Int(), tt.Int()}, {tt.Int(), tt.Error()}, false));
  EXPECT_EQ(tt.func({tt.Int()}, {}, false, {""}), tt.func({tt.Int()}, {}, false));
  EXPECT_EQ(type_string(tt.func({tt.slice(tt.Byte())}, {}, true, {"xs"}), nullptr),
            "func(xs ...byte)");
  EXPECT_EQ(type_string(tt.tuple({tt.Int(), tt.Error()}, {"n", "err"}), nullptr),
            "(n int, err error)");

  StructField fb;
  fb.name = "a";
  fb.type = tt.Byte();
  const Type* st = tt.structure({fb});
  EXPECT_EQ(type_string(st, nullptr), "struct{a byte}");
  EXPECT_EQ(st->str(), "struct { a uint8 }");
  EXPECT_EQ(canonical(st)->fields[0].type, tt.Uint8());

  const Type* it = tt.interface({Method{"F", tt.func({tt.Byte()}, {}, false), {}}});
  EXPECT_EQ(type_string(it, nullptr), "interface{F(byte)}");
  EXPECT_EQ(canonical(it), tt.interface({Method{"F", tt.func({tt.Uint8()}, {}, false), {}}}));
}

TEST(Types, RulesUseIdentityAcrossSpellings) {
  TypeTable& tt = types();
  EXPECT_TRUE(assignable(tt.slice(tt.Byte()), tt.slice(tt.Uint8())));
  EXPECT_TRUE(assignable(tt.map(tt.Rune(), tt.Any()), tt.map(tt.Int32(), tt.EmptyInterface())));
  EXPECT_FALSE(assignable(tt.slice(tt.Byte()), tt.slice(tt.Int32())));
  EXPECT_TRUE(convertible(tt.String(), tt.slice(tt.Byte())));
  EXPECT_TRUE(convertible(tt.slice(tt.Rune()), tt.String()));
  EXPECT_TRUE(convertible(tt.slice(tt.Byte()), tt.array(tt.Uint8(), 4)));
  EXPECT_TRUE(assignable(tt.func({tt.Byte()}, {}, false, {"b"}), tt.func({tt.Uint8()}, {}, false)));

  // A method declared with byte satisfies an interface written with uint8.
  static Object obj;
  obj.kind = ObjKind::TypeName;
  obj.name = "W";
  Type* w = tt.named(&obj);
  tt.set_underlying(w, tt.structure({}));
  static Object m;
  m.kind = ObjKind::Func;
  m.name = "Write";
  m.type = tt.func({tt.slice(tt.Byte())}, {tt.Int()}, false, {"p"});
  m.recv = w;
  w->methods.push_back(&m);
  const Type* writer = tt.interface({Method{"Write", tt.func({tt.slice(tt.Uint8())}, {tt.Int()}, false), {}}});
  EXPECT_TRUE(implements(w, writer));
  EXPECT_TRUE(assignable(w, writer));
}

TEST(Types, ImplementsError) {
  TypeTable& tt = types();
  static Object obj;
  obj.kind = ObjKind::TypeName;
  obj.name = "E";
  Type* e = tt.named(&obj);
  tt.set_underlying(e, tt.structure({}));
  static Object m;
  m.kind = ObjKind::Func;
  m.name = "Error";
  m.type = tt.func({}, {tt.String()}, false);
  m.recv = e;
  m.recv_ptr = true;
  e->methods.push_back(&m);
  std::string why;
  EXPECT_FALSE(implements(e, tt.Error(), &why));
  EXPECT_EQ(why, "method Error has pointer receiver");
  EXPECT_TRUE(implements(tt.pointer(e), tt.Error()));
  Selection sel = lookup_field_or_method(tt.pointer(e), "Error");
  EXPECT_EQ(sel.kind, Selection::MethodVal);
  EXPECT_TRUE(sel.recv_is_ptr);
}

TEST(Constants, Arithmetic) {
  Constant r;
  std::string err;
  ASSERT_TRUE(const_binary(Op::Add, *make_int_const(1), *make_int_const(2), true, &r, &err));
  EXPECT_EQ(int64_t(r.i), 3);
  EXPECT_FALSE(const_binary(Op::Quo, *make_int_const(1), *make_int_const(0), true, &r, &err));
  EXPECT_EQ(err, "division by zero");
  ASSERT_TRUE(const_binary(Op::Quo, *make_int_const(1), *make_float_const(2), false, &r, &err));
  EXPECT_EQ(r.kind, ConstKind::Float);
  EXPECT_EQ(r.as_float64(), 0.5);
  ASSERT_TRUE(const_shift(Op::Shl, *make_int_const(1), 100, &r, &err));
  ASSERT_TRUE(const_shift(Op::Shr, r, 98, &r, &err));
  EXPECT_EQ(int64_t(r.i), 4);
  EXPECT_FALSE(const_shift(Op::Shl, *make_int_const(1), 200, &r, &err));
  EXPECT_TRUE(const_compare(Op::Lss, *make_string_const("a"), *make_string_const("b")));
  EXPECT_EQ(const_string(*make_string_const("a\n")), "\"a\\n\"");
  EXPECT_EQ(const_string(*make_float_const(1.5)), "1.5");
  EXPECT_EQ(const_string(*make_int_const(-300)), "-300");
}

}  // namespace
}  // namespace mgo
