// Offsets of gobuf's fields, shared by asm_amd64.S and the C++ structs
// (runtime2.h checks them with static_assert, so the two cannot drift).
#pragma once

#define GOBUF_SP 0
#define GOBUF_PC 8
#define GOBUF_G 16
#define GOBUF_CTXT 24
#define GOBUF_SIZE 32
