// Reader (and writer) of multichannel sensor logs as CSV: a header row, numeric channel columns and
// a label column, cut into labelled [channels, window] samples. Free functions, thread-safe.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/data/dataset.h"

namespace cleave {

struct SensorCsvOptions {
  std::string label_column = "label";
  // Channel columns in model order; empty means every column except the label and ignore_columns.
  std::vector<std::string> channel_columns;
  std::vector<std::string> ignore_columns;  // e.g. {"time"} when channel_columns is empty
  // Label vocabulary. Empty: integer labels are class indices (names "0".."max"), otherwise the
  // distinct names sorted, so two files with the same classes agree whatever their row order.
  // Given: labels may be these names or their indices; anything else is an error.
  std::vector<std::string> class_names;
  int64_t window = 1024;  // rows per sample
  int64_t stride = 1024;  // rows between the starts of consecutive samples
  char delimiter = ',';
  bool standardise = true;  // per window and channel, as generateVibration does
};

// Windows never straddle a label change: each run of consecutive rows with one label is cut on its
// own. Blank lines and lines starting with '#' are skipped. Throws std::runtime_error naming the
// file, line and column, e.g. "log.csv line 17: column 'ax': 'abc' is not a number"; also for a
// missing header or column, a wrong field count, an empty or unknown label, and a file that yields
// no complete window. Throws std::invalid_argument for window < 1 or stride < 1.
Dataset readSensorCsv(const std::filesystem::path& file, const SensorCsvOptions& options = {});

// Writes samples shaped {channels, window} as "window,sample,<channel names>,label" rows, the label
// as its class name (or index if the dataset has no names); at most max_windows when >= 0.
// channel_names defaults to ch0, ch1, ... Throws std::runtime_error if the file can't be written.
void writeSensorCsv(const Dataset& windows, const std::filesystem::path& file,
                    std::vector<std::string> channel_names = {}, int64_t max_windows = -1);

}  // namespace cleave
