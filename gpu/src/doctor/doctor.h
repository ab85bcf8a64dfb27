// `traindeck-engine doctor`: can this binary train here, and on what? Works in builds without
// CUDA and on machines without a driver (that is an answer, not an error).
//
// Exit codes: 0 GPU training possible; 1 CPU only (no CUDA in this build, or no driver / GPU);
// 3 a GPU is present but this binary cannot use it (driver older than the CUDA runtime it was
// built with, or no code for the GPU's architecture): rebuild from source on that machine.
#pragma once

#include "common/json.h"

#include <string>
#include <vector>

namespace td {

struct GpuInfo
{
    int index = 0;
    std::string name;
    int major = 0, minor = 0;
    double totalMemoryMiB = -1;
    double freeMemoryMiB = -1; // -1 when it could not be read
    bool binaryHasCode = false;
};

struct LibraryProbe
{
    std::string name;  // cublas, cudnn, nccl
    std::string found; // soname that loaded, empty if none
    std::string path;  // resolved path
};

struct DoctorReport
{
    std::string engineVersion;
    bool cudaBuilt = false;
    std::string cudaArchitectures; // as built, e.g. "75" or "75;80;86"
    int cudaRuntimeVersion = 0;    // e.g. 13000; 0 when not built with CUDA
    std::string glibc;
    bool driverLoaded = false;
    int driverVersion = 0;    // CUDA API version the driver supports, e.g. 12040
    std::string driverStatus; // "ok", "no driver", or the failure
    std::vector<GpuInfo> gpus;
    std::vector<LibraryProbe> libraries;
    std::string diskPath;
    double diskFreeMiB = -1;
    int cpuThreads = 0;
    std::string blasConfig;
    int exitCode = 1;
    std::vector<std::string> problems;

    JsonValue toJson() const;
    std::string toText() const;
};

// Does compute capability major.minor run code built for `architectures` (CMake syntax)?
bool architecturesCover(const std::string &architectures, int major, int minor);

DoctorReport runDoctor(const std::string &diskPath);
int runDoctorCommand(int argc, char **argv);

} // namespace td
