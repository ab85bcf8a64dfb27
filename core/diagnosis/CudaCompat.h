// What NVIDIA driver a CUDA release needs, and what CUDA release a GPU architecture needs.
// The numbers come from NVIDIA's CUDA Toolkit release notes (Linux x86_64 driver table) and the
// CUDA compute capability tables; they are what users check by hand when a job fails with
// "driver too old" or "no kernel image".
#pragma once

#include <QString>
#include <QVersionNumber>

namespace td {

// Driver versions are returned as NVIDIA writes them ("580.65.06"): QVersionNumber would drop
// the leading zero of a field.

// Oldest Linux driver that runs everything a CUDA toolkit release builds (the release's own
// driver). Empty for a release this table does not know (older than 9.0); a newer minor release
// of a known major falls back to the minor-version compatibility floor of that major.
QString minimumDriverForCuda(const QVersionNumber &cuda);

// Oldest Linux driver that runs binaries of any release of one CUDA major through minor-version
// compatibility (11.x: 450.80.02, 12.x: 525.60.13, 13.x: 580.65.06). PTX JIT and some newer
// features still need the full driver of minimumDriverForCuda(). Empty for majors before 11.
QString minimumCompatDriverForCudaMajor(int major);

// Highest CUDA version a driver supports (what nvidia-smi prints as "CUDA Version"), judged by
// the driver branch (its first component). Null for a driver older than branch 384. A branch
// newer than the table yields the newest release the table knows: the true answer is at least
// that.
QVersionNumber maximumCudaForDriver(const QVersionNumber &driver);

// The CUDA driver API version as cudaDriverGetVersion() and PyTorch print it (10010 -> 10.1,
// 12020 -> 12.2). Null when the number is not a plausible CUDA version.
QVersionNumber cudaFromApiNumber(int apiVersion);

// Oldest CUDA release that can build code for a compute capability (sm_86 -> 11.1,
// sm_90 -> 11.8, sm_120 -> 12.8). Null for an unknown architecture.
QVersionNumber minimumCudaForComputeCapability(int major, int minor);

// Newest CUDA major that still builds for a compute capability (Kepler was dropped in 12,
// Maxwell/Pascal/Volta in 13). 0 when no release dropped it yet.
int lastCudaMajorForComputeCapability(int major, int minor);

} // namespace td
