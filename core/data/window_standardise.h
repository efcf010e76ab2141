// Per-channel standardisation of one [channels, length] window, shared by generators and readers
// so real and synthetic sensor data reach the model identically. Pure function, thread-safe.
#pragma once

#include <cstdint>

namespace cleave {

// In place: each channel gets zero mean and unit variance. A constant channel becomes all zeros
// (a flat-lined sensor carries no shape, and dividing by ~0 would blow up its noise).
void standardiseWindow(float* data, int64_t channels, int64_t length);

}  // namespace cleave
