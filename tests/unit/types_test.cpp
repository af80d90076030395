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
  EXPECT_EQ(default_type(tt.basic(Kind::UntypedRune)), tt.Int32());
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
