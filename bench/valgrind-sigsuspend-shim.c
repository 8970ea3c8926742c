// Measurement helper for bench/kms-callgrind.sh; never linked into Coffer.
//
// valgrind 3.19 (Debian 12's) clears SIGKILL and SIGSTOP in the mask passed to sigsuspend by writing to it in
// place. libdispatch's dispatch_main, which every Swift program with an async main ends in, passes a mask in
// read-only memory, so valgrind dies with "VALGRIND INTERNAL ERROR: ... SIGSEGV". Preloaded, this sigsuspend
// hands the kernel a copy on the stack instead.
#define _GNU_SOURCE
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

int sigsuspend(const sigset_t *mask) {
    sigset_t copy = *mask;
    return (int)syscall(SYS_rt_sigsuspend, &copy, 8);
}
