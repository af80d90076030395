// Goroutine context switching for x86-64 (System V ABI).
//
// Go's own gogo/mcall restore only sp, pc and bp, because Go code keeps no
// values in registers across calls. C++ does: the System V ABI makes rbx,
// rbp and r12-r15 callee-saved. So the saving side pushes those six onto the
// goroutine's own stack before recording sp, and the resume point (label
// resume below) pops them. A gobuf therefore always points at a stack that
// ends in those six registers, except for a fresh goroutine, whose pc is
// gostart.
//
// MXCSR and the x87 control word are callee-saved too, but mgo never changes
// rounding modes or exception masks, so every goroutine runs with the
// process defaults and a switch need not save them (saving them would cost
// ~20 cycles per switch for nothing).
#include "runtime/asm_offsets.h"

        .text

// Pushes the callee-saved registers onto the running stack and records that
// stack and the resume point in the gobuf at rdi (clobbers rax).
.macro SAVE_CONTEXT
        pushq   %rbp
        pushq   %rbx
        pushq   %r12
        pushq   %r13
        pushq   %r14
        pushq   %r15
        movq    %rsp, GOBUF_SP(%rdi)
        leaq    mgo_resume(%rip), %rax
        movq    %rax, GOBUF_PC(%rdi)
.endm

// void mgo_gogo(gobuf* buf)
// Resumes the context saved in *buf. Never returns. rdi still holds buf at
// the target, which gostart uses to find its argument.
        .globl  mgo_gogo
        .type   mgo_gogo, @function
mgo_gogo:
        .cfi_startproc
        movq    GOBUF_SP(%rdi), %rsp
        jmpq    *GOBUF_PC(%rdi)
        .cfi_endproc
        .size   mgo_gogo, .-mgo_gogo

// void mgo_gosave_gogo(gobuf* save, gobuf* next)
// Saves the current context into *save and resumes *next. Returns when
// something resumes *save.
        .globl  mgo_gosave_gogo
        .type   mgo_gosave_gogo, @function
mgo_gosave_gogo:
        .cfi_startproc
        SAVE_CONTEXT
        movq    %rsi, %rdi
        movq    GOBUF_SP(%rdi), %rsp
        jmpq    *GOBUF_PC(%rdi)
        .cfi_endproc
        .size   mgo_gosave_gogo, .-mgo_gosave_gogo

// The resume point of every context saved by mgo_gosave_gogo or mgo_mcall.
        .type   mgo_resume, @function
mgo_resume:
        .cfi_startproc
        popq    %r15
        popq    %r14
        popq    %r13
        popq    %r12
        popq    %rbx
        popq    %rbp
        ret
        .cfi_endproc
        .size   mgo_resume, .-mgo_resume

// void mgo_mcall(gobuf* save, void (*fn)(void*), void* arg, uintptr_t sp)
// Saves the current context into *save, switches to the stack whose top is
// sp (the M's g0 stack) and calls fn(arg) there. fn must not return: it
// ends by resuming some context (usually through schedule()).
        .globl  mgo_mcall
        .type   mgo_mcall, @function
mgo_mcall:
        .cfi_startproc
        SAVE_CONTEXT
        movq    %rcx, %rsp
        xorl    %ebp, %ebp          // end of the frame-pointer chain
        movq    %rdx, %rdi
        callq   *%rsi
        ud2                         // fn returned: a runtime bug
        .cfi_endproc
        .size   mgo_mcall, .-mgo_mcall

// void mgo_systemstack(void (*fn)(void*), void* arg, uintptr_t sp)
// Calls fn(arg) on the stack whose top is sp (the M's g0 stack) and returns
// to the caller's stack afterwards. Used for deep native work that must not
// run on a small goroutine stack.
        .globl  mgo_systemstack
        .type   mgo_systemstack, @function
mgo_systemstack:
        .cfi_startproc
        pushq   %rbx                // rsp is now 16-byte aligned
        .cfi_adjust_cfa_offset 8
        .cfi_rel_offset %rbx, 0
        movq    %rsp, %rbx
        .cfi_def_cfa_register %rbx
        movq    %rdx, %rsp
        movq    %rdi, %rax
        movq    %rsi, %rdi
        callq   *%rax
        movq    %rbx, %rsp
        .cfi_def_cfa_register %rsp
        popq    %rbx
        .cfi_adjust_cfa_offset -8
        ret
        .cfi_endproc
        .size   mgo_systemstack, .-mgo_systemstack

// The first pc of a fresh goroutine. mgo_gogo left the gobuf in rdi; its
// ctxt field is the argument of mgo_goentry (a C++ function that runs the
// goroutine and never returns). rsp is 16-byte aligned here, so the call
// gives mgo_goentry the alignment the ABI promises.
        .globl  mgo_gostart
        .type   mgo_gostart, @function
mgo_gostart:
        .cfi_startproc
        .cfi_undefined rip          // no caller: stop unwinders here
        xorl    %ebp, %ebp
        movq    GOBUF_CTXT(%rdi), %rdi
        callq   mgo_goentry
        ud2
        .cfi_endproc
        .size   mgo_gostart, .-mgo_gostart

        .section .note.GNU-stack,"",@progbits
