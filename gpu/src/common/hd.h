// TD_HD marks per-element math that both backends run: nvcc compiles it for host and device, a
// plain C++ compiler sees an ordinary inline function. The CPU backend therefore executes the
// exact code the CUDA kernels execute, which is what lets CPU tests vouch for CUDA math we cannot
// run here.
#pragma once

#if defined(__CUDACC__)
#define TD_HD __host__ __device__ __forceinline__
#else
#define TD_HD inline
#endif
