#include "core/diagnosis/CudaCompat.h"

#include <array>

namespace td {

namespace {

struct CudaDriver
{
    int cudaMajor;
    int cudaMinor;
    const char *driver; // oldest Linux x86_64 driver of that toolkit release
    int branch;         // driver branch that reports this CUDA version in nvidia-smi
};

// CUDA Toolkit release notes, "CUDA Toolkit and Corresponding Driver Versions" (Linux), plus the
// branch each release shipped with. 12.7 was never released as a toolkit, but branch 565
// reports it.
constexpr std::array<CudaDriver, 26> kCudaDrivers{{
    {9, 0, "384.81", 384},     {9, 1, "390.46", 390},     {9, 2, "396.26", 396},
    {10, 0, "410.48", 410},    {10, 1, "418.39", 418},    {10, 2, "440.33", 440},
    {11, 0, "450.36.06", 450}, {11, 1, "455.23", 455},    {11, 2, "460.27.03", 460},
    {11, 3, "465.19.01", 465}, {11, 4, "470.42.01", 470}, {11, 5, "495.29.05", 495},
    {11, 6, "510.39.01", 510}, {11, 7, "515.43.04", 515}, {11, 8, "520.61.05", 520},
    {12, 0, "525.60.13", 525}, {12, 1, "530.30.02", 530}, {12, 2, "535.54.03", 535},
    {12, 3, "545.23.06", 545}, {12, 4, "550.54.14", 550}, {12, 5, "555.42.02", 555},
    {12, 6, "560.28.03", 560}, {12, 7, "565.57.01", 565}, {12, 8, "570.26", 570},
    {12, 9, "575.51.03", 575}, {13, 0, "580.65.06", 580},
}};

struct ArchCuda
{
    int ccMajor;
    int ccMinor;
    int cudaMajor;
    int cudaMinor;
    int lastCudaMajor; // 0: still supported by the newest toolkit
};

// First toolkit that accepts -arch=sm_XY, and the last major that still does.
constexpr std::array<ArchCuda, 21> kArchCuda{{
    {3, 0, 5, 0, 10},  {3, 5, 5, 0, 11}, {3, 7, 6, 5, 11},  {5, 0, 6, 0, 12},  {5, 2, 6, 5, 12},
    {5, 3, 7, 0, 12},  {6, 0, 8, 0, 12}, {6, 1, 8, 0, 12},  {6, 2, 8, 0, 12},  {7, 0, 9, 0, 12},
    {7, 2, 10, 0, 12}, {7, 5, 10, 0, 0}, {8, 0, 11, 0, 0},  {8, 6, 11, 1, 0},  {8, 7, 11, 4, 0},
    {8, 9, 11, 8, 0},  {9, 0, 11, 8, 0}, {10, 0, 12, 8, 0}, {10, 3, 12, 9, 0}, {12, 0, 12, 8, 0},
    {12, 1, 12, 9, 0},
}};

} // namespace

QString minimumDriverForCuda(const QVersionNumber &cuda)
{
    const int major = cuda.majorVersion();
    const int minor = cuda.minorVersion();
    for (const CudaDriver &row : kCudaDrivers) {
        if (row.cudaMajor == major && row.cudaMinor == minor)
            return QString::fromLatin1(row.driver);
    }
    return minimumCompatDriverForCudaMajor(major);
}

QString minimumCompatDriverForCudaMajor(int major)
{
    switch (major) {
    case 11:
        return QStringLiteral("450.80.02");
    case 12:
        return QStringLiteral("525.60.13");
    case 13:
        return QStringLiteral("580.65.06");
    default:
        return {};
    }
}

QVersionNumber maximumCudaForDriver(const QVersionNumber &driver)
{
    const int branch = driver.majorVersion();
    QVersionNumber best;
    for (const CudaDriver &row : kCudaDrivers) {
        if (row.branch <= branch)
            best = QVersionNumber(row.cudaMajor, row.cudaMinor);
    }
    return driver.isNull() ? QVersionNumber() : best;
}

QVersionNumber cudaFromApiNumber(int apiVersion)
{
    const int major = apiVersion / 1000;
    const int minor = (apiVersion % 1000) / 10;
    if (major < 2 || major > 99)
        return {};
    return QVersionNumber(major, minor);
}

QVersionNumber minimumCudaForComputeCapability(int major, int minor)
{
    for (const ArchCuda &row : kArchCuda) {
        if (row.ccMajor == major && row.ccMinor == minor)
            return QVersionNumber(row.cudaMajor, row.cudaMinor);
    }
    return {};
}

int lastCudaMajorForComputeCapability(int major, int minor)
{
    for (const ArchCuda &row : kArchCuda) {
        if (row.ccMajor == major && row.ccMinor == minor)
            return row.lastCudaMajor;
    }
    return 0;
}

} // namespace td
