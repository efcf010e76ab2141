#include "core/data/fashion_mnist.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <stdexcept>

#include "core/data/idx_file.h"

#ifdef __linux__
#include <sys/mman.h>
#endif

namespace cleave {
namespace {

constexpr int64_t kSide = 28;
constexpr int64_t kClasses = 10;

// The Debian package ships .gz files; a hand-unpacked copy has the same names without .gz.
std::filesystem::path findFile(const std::filesystem::path& dir, const std::string& stem) {
  for (const std::string& name : {stem + ".gz", stem}) {
    std::filesystem::path candidate = dir / name;
    if (std::filesystem::is_regular_file(candidate)) return candidate;
  }
  throw std::runtime_error("Fashion-MNIST: neither " + (dir / (stem + ".gz")).string() + " nor " +
                           (dir / stem).string() +
                           " exists (install dataset-fashion-mnist or set CLEAVE_FASHION_MNIST)");
}

// The 188 MB of floats for the training set cost more in first-touch page faults than the
// inflate itself; asking for transparent huge pages cuts the number of faults 512-fold.
void reserveLarge(std::vector<float>& values, size_t count) {
  values.reserve(count);
#ifdef __linux__
  constexpr uintptr_t kPage = 4096;
  const auto begin = (reinterpret_cast<uintptr_t>(values.data()) + kPage - 1) & ~(kPage - 1);
  const auto end = reinterpret_cast<uintptr_t>(values.data() + count) & ~(kPage - 1);
  if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);  // a hint
#endif
}

std::string dimsToString(const std::vector<int64_t>& dims) {
  return shapeToString(dims);
}

}  // namespace

const std::vector<std::string>& fashionMnistClassNames() {
  static const std::vector<std::string> names = {"T-shirt/top", "Trouser",   "Pullover", "Dress",
                                                 "Coat",        "Sandal",    "Shirt",    "Sneaker",
                                                 "Bag",         "Ankle boot"};
  return names;
}

std::filesystem::path defaultFashionMnistDir() {
  const char* env = std::getenv("CLEAVE_FASHION_MNIST");
  if (env != nullptr && *env != '\0') return env;
  return "/usr/share/datasets/fashion-mnist";
}

Dataset loadFashionMnist(const std::filesystem::path& dir, Split split, int64_t limit) {
  const std::string prefix = split == Split::Train ? "train" : "t10k";
  const auto image_file = findFile(dir, prefix + "-images-idx3-ubyte");
  const auto label_file = findFile(dir, prefix + "-labels-idx1-ubyte");

  // Labels first: they are tiny, and their count tells us how many images to expect.
  const IdxArray labels = readIdxFile(label_file, limit);
  if (labels.dims.size() != 1) {
    throw std::runtime_error("Fashion-MNIST " + label_file.string() + ": labels must be 1-D, got " +
                             dimsToString(labels.dims));
  }
  IdxReader images(image_file);
  const std::vector<int64_t>& dims = images.dims();
  if (dims.size() != 3 || dims[1] != kSide || dims[2] != kSide) {
    throw std::runtime_error("Fashion-MNIST " + image_file.string() +
                             ": images must be [N, 28, 28], got " + dimsToString(dims));
  }
  // Compare the header counts, not the limited ones: a mismatched pair is wrong at any limit.
  if (dims[0] != labels.stored_items) {
    throw std::runtime_error("Fashion-MNIST: " + image_file.string() + " has " +
                             std::to_string(dims[0]) + " images but " + label_file.string() +
                             " has " + std::to_string(labels.stored_items) + " labels");
  }

  Dataset dataset;
  dataset.name = "fashion-mnist-" + prefix;
  dataset.sample_shape = {1, kSide, kSide};
  dataset.class_names = fashionMnistClassNames();
  dataset.labels.resize(labels.data.size());
  for (size_t i = 0; i < labels.data.size(); ++i) {
    if (labels.data[i] >= kClasses) {
      throw std::runtime_error("Fashion-MNIST " + label_file.string() + ": label " +
                               std::to_string(labels.data[i]) + " of item " + std::to_string(i) +
                               " is not a class in 0..9");
    }
    dataset.labels[i] = labels.data[i];
  }
  // Table lookup: 256 possible bytes, so standardise each once instead of 47 million times.
  std::array<float, 256> lut{};
  for (int b = 0; b < 256; ++b) {
    lut[static_cast<size_t>(b)] =
        (static_cast<float>(b) / 255.0f - kFashionMnistMean) / kFashionMnistStd;
  }
  // Inflate and convert in cache-sized chunks rather than holding the whole 47 MB byte payload.
  constexpr int64_t kChunkItems = 512;
  const int64_t items = dataset.size();
  reserveLarge(dataset.values, static_cast<size_t>(items * kSide * kSide));
  dataset.values.resize(static_cast<size_t>(items * kSide * kSide));
  std::vector<uint8_t> bytes;
  for (int64_t first = 0; first < items; first += kChunkItems) {
    const int64_t count = std::min(kChunkItems, items - first);
    bytes.resize(static_cast<size_t>(count * images.itemBytes()));
    images.readItems(bytes);
    float* out = dataset.values.data() + first * images.itemBytes();
    for (size_t i = 0; i < bytes.size(); ++i)
      out[i] = lut[bytes[i]];
  }
  return dataset;
}

}  // namespace cleave
