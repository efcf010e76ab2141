// Loader for Fashion-MNIST (IDX files, gzip'd or plain) into a standardised Dataset.
// Free functions, no shared state: safe to call from any thread.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/data/dataset.h"

namespace cleave {

enum class Split { Train, Test };

// Published per-pixel statistics of the Fashion-MNIST training set after scaling to [0, 1].
inline constexpr float kFashionMnistMean = 0.2860f;
inline constexpr float kFashionMnistStd = 0.3530f;

// The ten class names in label order (0 = "T-shirt/top" ... 9 = "Ankle boot").
const std::vector<std::string>& fashionMnistClassNames();

// $CLEAVE_FASHION_MNIST when set and non-empty, else /usr/share/datasets/fashion-mnist
// (where Debian's dataset-fashion-mnist installs it).
std::filesystem::path defaultFashionMnistDir();

// Reads {train,t10k}-{images-idx3,labels-idx1}-ubyte[.gz] from `dir` (the .gz name is tried first).
// At most `limit` samples when limit >= 0. Samples are shaped {1, 28, 28}, scaled to [0, 1] and
// standardised as (x - kFashionMnistMean) / kFashionMnistStd. Throws std::runtime_error naming the
// file for missing files, bad magic, wrong dims, image/label count mismatch, labels > 9,
// truncation.
Dataset loadFashionMnist(const std::filesystem::path& dir, Split split, int64_t limit = -1);

}  // namespace cleave
