// Go values in mgo's layout: strings, slices, maps (vm/value.h, vm/map.h).
#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "lang/types.h"
#include "vm/api.h"
#include "vm/map.h"
#include "vm/value.h"

namespace mgo::vm {
namespace {

const Type* map_type(const Type* k, const Type* v) { return types().map(k, v); }

TEST(Value, StringsShareNothingAndEmptyIsNull) {
  EXPECT_EQ(make_string(""), Slot(0));
  Slot s = make_string("héllo");
  EXPECT_EQ(str_view(s), "héllo");
  EXPECT_EQ(str_view(0), "");
  EXPECT_TRUE(values_equal(types().String(), s, make_string("héllo")));
  EXPECT_FALSE(values_equal(types().String(), s, make_string("hello")));
}

TEST(Value, SlicesAreZeroedAndSized) {
  Slice* s = make_slice(types().Int(), 3, 10);
  EXPECT_EQ(s->len, 3);
  EXPECT_EQ(s->cap, 10);
  for (int i = 0; i < 10; i++) EXPECT_EQ(s->data[i], Slot(0));
}

TEST(Value, AggregatesCopyOnStore) {
  std::vector<StructField> fs(2);
  fs[0].name = "X";
  fs[0].type = types().Int();
  fs[1].name = "Y";
  fs[1].type = types().String();
  fs[1].offset = 1;
  const Type* st = types().structure(fs);
  Slot* a = alloc_slots(2);
  a[0] = 7;
  a[1] = make_string("y");
  Slot b = copy_aggregate(st, from_ptr(a));
  as_ptr<Slot>(b)[0] = 8;
  EXPECT_EQ(a[0], Slot(7));
  EXPECT_FALSE(values_equal(st, from_ptr(a), b));
  as_ptr<Slot>(b)[0] = 7;
  EXPECT_TRUE(values_equal(st, from_ptr(a), b));
  EXPECT_EQ(hash_value(st, from_ptr(a), 1), hash_value(st, b, 1));
}

TEST(Map, ManyIntKeysInsertFindDelete) {
  Map* m = map_new(map_type(types().Int(), types().Int()), 0);
  for (int64_t i = 0; i < 10000; i++) *map_insert(m, Slot(i)) = Slot(i * 2);
  EXPECT_EQ(m->count, 10000);
  for (int64_t i = 0; i < 10000; i++) {
    Slot* v = map_find(m, Slot(i));
    ASSERT_NE(v, nullptr);
    EXPECT_EQ(*v, Slot(i * 2));
  }
  for (int64_t i = 0; i < 10000; i += 2) map_delete(m, Slot(i));
  EXPECT_EQ(m->count, 5000);
  EXPECT_EQ(map_find(m, Slot(4)), nullptr);
  EXPECT_NE(map_find(m, Slot(5)), nullptr);
  // Reinsertion after deletes (compaction) keeps every key findable.
  for (int64_t i = 0; i < 10000; i += 2) *map_insert(m, Slot(i)) = 1;
  EXPECT_EQ(m->count, 10000);
  for (int64_t i = 0; i < 10000; i++) EXPECT_NE(map_find(m, Slot(i)), nullptr);
}

TEST(Map, StringKeys) {
  Map* m = map_new(map_type(types().String(), types().Int()), 0);
  *map_insert(m, make_string("a")) = 1;
  *map_insert(m, make_string("b")) = 2;
  *map_insert(m, make_string("a")) = 3;
  EXPECT_EQ(m->count, 2);
  EXPECT_EQ(*map_find(m, make_string("a")), Slot(3));
  EXPECT_EQ(map_find(m, make_string("c")), nullptr);
}

TEST(Map, DeletingDuringIterationSkipsUnreachedEntries) {
  Map* m = map_new(map_type(types().Int(), types().Int()), 0);
  for (int64_t i = 0; i < 100; i++) *map_insert(m, Slot(i)) = 0;
  MapIter* it = map_iter_new(m);
  std::set<int64_t> seen;
  Slot *k, *v;
  int64_t deleted_partner = -1;
  while (map_iter_next(it, &k, &v)) {
    int64_t key = int64_t(*k);
    EXPECT_TRUE(seen.insert(key).second) << "key produced twice";
    EXPECT_NE(key, deleted_partner);
    if (deleted_partner < 0 && !seen.count(99 - key)) {
      deleted_partner = 99 - key;
      map_delete(m, Slot(deleted_partner));
    }
  }
  EXPECT_EQ(seen.size(), 99u);
}

TEST(Map, IterationOrderVaries) {
  std::set<int64_t> firsts;
  Map* m = map_new(map_type(types().Int(), types().Int()), 0);
  for (int64_t i = 0; i < 50; i++) *map_insert(m, Slot(i)) = 0;
  for (int round = 0; round < 20; round++) {
    MapIter* it = map_iter_new(m);
    Slot *k, *v;
    ASSERT_TRUE(map_iter_next(it, &k, &v));
    firsts.insert(int64_t(*k));
  }
  EXPECT_GT(firsts.size(), 1u);
}

TEST(Map, InterfaceKeysAndUnhashable) {
  const Type* any = types().EmptyInterface();
  Map* m = map_new(map_type(any, types().Int()), 0);
  *map_insert(m, box_iface(types().Int(), 1)) = 10;
  *map_insert(m, box_iface(types().String(), make_string("1"))) = 20;
  EXPECT_EQ(m->count, 2);
  EXPECT_EQ(*map_find(m, box_iface(types().Int(), 1)), Slot(10));
  Slot bad = box_iface(types().slice(types().Int()), 0);
  EXPECT_THROW(map_insert(m, bad), GoPanic);
}

TEST(Map, NilMapWritePanicsAndReadsAreEmpty) {
  EXPECT_EQ(map_find(nullptr, 1), nullptr);
  EXPECT_EQ(map_len(0), 0);
  EXPECT_THROW(map_insert(nullptr, 1), GoPanic);
}

TEST(Map, NaNKeysNeverMatch) {
  Map* m = map_new(map_type(types().Float64(), types().Int()), 0);
  double nan = std::nan("");
  *map_insert(m, from_f64(nan)) = 1;
  *map_insert(m, from_f64(nan)) = 2;
  EXPECT_EQ(m->count, 2);
  EXPECT_EQ(map_find(m, from_f64(nan)), nullptr);
  *map_insert(m, from_f64(0.0)) = 3;
  EXPECT_EQ(*map_find(m, from_f64(-0.0)), Slot(3));
}

}  // namespace
}  // namespace mgo::vm
