/* A CPUID and XGETBV that report an AVX2 machine, for bench/isa/avx2.py.
 *
 * avx2.py copies onnxruntime and rewrites each `cpuid` in its library to `ud2` and each `xgetbv`
 * to `int3; nop; nop`. Loaded with LD_PRELOAD, this library catches the two traps, runs the real
 * instruction and clears what an AVX2-only CPU (the AMD EPYC without AVX-512 or VNNI)
 * does not have: every AVX-512 feature, AVX-VNNI, AVX512-BF16 and the AVX-512 register state in
 * XCR0. onnxruntime reads the CPU once, at load, so the traps cost nothing at run time; the
 * kernels it then picks run at full speed on the real core. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <ucontext.h>

static void cpuid(uint32_t leaf, uint32_t sub, uint32_t r[4]) {
    __asm__ volatile("cpuid" : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3]) : "a"(leaf), "c"(sub));
}

static void on_ill(int sig, siginfo_t *info, void *context) {
    ucontext_t *uc = context;
    greg_t *g = uc->uc_mcontext.gregs;
    const uint8_t *ip = (const uint8_t *)g[REG_RIP];
    if (ip[0] != 0x0f || ip[1] != 0x0b) { /* a real illegal instruction: die as without us */
        signal(sig, SIG_DFL);
        return;
    }
    uint32_t leaf = (uint32_t)g[REG_RAX], sub = (uint32_t)g[REG_RCX], r[4];
    cpuid(leaf, sub, r);
    if (leaf == 7 && sub == 0) {
        r[1] &= ~0xDC230000u;  /* EBX: AVX512 F, DQ, IFMA, PF, ER, CD, BW, VL */
        r[2] &= ~0x00005842u;  /* ECX: AVX512 VBMI, VBMI2, VNNI, BITALG, VPOPCNTDQ */
        r[3] &= ~0x0080010Cu;  /* EDX: AVX512 4VNNIW, 4FMAPS, VP2INTERSECT, FP16 */
    } else if (leaf == 7 && sub == 1) {
        r[0] &= ~0x00000030u;  /* EAX: AVX-VNNI, AVX512-BF16 */
    }
    g[REG_RAX] = r[0], g[REG_RBX] = r[1], g[REG_RCX] = r[2], g[REG_RDX] = r[3];
    g[REG_RIP] += 2;
}

static void on_trap(int sig, siginfo_t *info, void *context) {
    ucontext_t *uc = context;
    greg_t *g = uc->uc_mcontext.gregs;
    const uint8_t *ip = (const uint8_t *)g[REG_RIP];  /* after the int3: the two nops */
    if (ip[0] != 0x90 || ip[1] != 0x90) {
        signal(sig, SIG_DFL);
        return;
    }
    uint32_t lo, hi, xcr = (uint32_t)g[REG_RCX];
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(xcr));
    if (xcr == 0) lo &= ~0xE0u;  /* no opmask, ZMM_Hi256 or Hi16_ZMM state */
    g[REG_RAX] = lo, g[REG_RDX] = hi;
    g[REG_RIP] += 2;
}

__attribute__((constructor)) static void install(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_flags = SA_SIGINFO;
    sa.sa_sigaction = on_ill;
    sigaction(SIGILL, &sa, 0);
    sa.sa_sigaction = on_trap;
    sigaction(SIGTRAP, &sa, 0);
}
