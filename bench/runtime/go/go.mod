module mgo/bench/runtime

go 1.19
