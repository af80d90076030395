// Printing ASTs: a compact S-expression dump for tests and debugging, and
// Go's source form of an expression for error messages (go/types'
// ExprString: "x + 1", "p.f", "[]int{…}", "func(){…}").
#pragma once

#include <string>

#include "lang/ast.h"

namespace mgo {

// "(call (sel (ident fmt) Println) (lit 1))"-style dump of any node. With
// positions, each node is followed by "@line:col" and its other positions
// are listed by name: "(block (return)@3:2 rbrace@4:1)@2:13".
std::string dump(const Node* n, bool positions = false);

// The expression as Go prints it in messages (composite literal and function
// bodies shortened to "{…}").
std::string expr_string(const Expr* e);

}  // namespace mgo
