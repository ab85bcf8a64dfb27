// Reads the NVIDIA driver through libcuda loaded at run time, so the engine never links
// -lcuda and starts on machines without a driver.
#pragma once

#include "doctor/doctor.h"

namespace td {

// Fills driverLoaded, driverVersion, driverStatus and gpus (without binaryHasCode).
void probeDriver(DoctorReport &report);
// Tries each soname in order; returns the one that loaded and its path.
LibraryProbe probeLibrary(const std::string &name, const std::vector<std::string> &sonames);

} // namespace td
