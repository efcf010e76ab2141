// CLEAVE_MULTIVERSION: also compile a hot loop for AVX2 and pick the copy at load time (ifunc).
// The baseline x86-64 build only has SSE2, which lacks 32-bit integer min/max and byte shuffles.
#pragma once

#if defined(__x86_64__) && defined(__GNUC__) && defined(__linux__)
#define CLEAVE_MULTIVERSION __attribute__((target_clones("avx2", "default")))
#else
#define CLEAVE_MULTIVERSION
#endif
