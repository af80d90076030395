# Writes OUT: the grammar IN (lang/parser.y) without Bison's LAC, its
# parser in namespace mgo::yy_fast (parse_file in lang/parse.cpp says why
# mgo has two parsers of one grammar).
file(READ ${IN} text)
foreach(from "%define parse.lac full" "mgo::yy")
  string(FIND "${text}" "${from}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "parser_fast.cmake: \"${from}\" is not in ${IN}")
  endif()
endforeach()
string(REPLACE "%define parse.lac full" "%define parse.lac none" text "${text}")
string(REPLACE "mgo::yy" "mgo::yy_fast" text "${text}")
file(WRITE ${OUT} "${text}")
