// Documented generator of labelled bearing-vibration windows: the factory use case's default data.
// Free functions, deterministic for a given seed, no shared state: safe to call from any thread.
//
// Signal model (per window, per channel; t in seconds, fr the shaft rotation frequency):
//  - Every window draws fr ~ U(shaft_hz_min, shaft_hz_max) and, for each component, an amplitude
//    scale ~ U(1 - amplitude_jitter, 1 + amplitude_jitter): the machine runs at varying speed/load.
//  - All classes: shaft harmonics 1x, 2x, 3x fr (amplitudes 1, 1/2, 1/4 of shaft_amplitude, random
//    phase) plus white Gaussian sensor noise (noise_std).
//  - Bearing faults: each defect contact is an impact that rings the housing's structural resonance
//    (~resonance_hz, damping ratio resonance_damping): a·exp(-ζωt)·sin(ωt). Impacts come at the
//    bearing defect frequencies with random slip of the rolling elements (slip · period, Gaussian):
//    - outer_race: at BPFO, constant amplitude (the defect sits still, in the load zone);
//    - inner_race: at BPFI, amplitude modulated 50% at 1x fr (the defect rotates through the load
//      zone);
//    - ball: at 2 BSF (the defective ball strikes both races once per spin), alternating strong
//      (outer race) and weak (inner race, 0.3x) impacts, modulated 40% at the cage frequency FTF
//      (the ball enters and leaves the load zone as the cage turns).
//  - imbalance: a strong 1x fr component; radial channels 0 and 1 (x, y) see it 90 degrees apart
//    (a rotating force), the axial channel 2 sees a weak component; plus a small 2x.
//  - Channels are three accelerometers (x radial, y radial, z axial; a 4th+ channel repeats the
//    pattern): each sees the impacts through its own path, with gain 1, 0.7, 0.4 and resonance at
//    1.0, 1.12, 0.85 x resonance_hz (+-3% per window).
// Learnability (measured with libtorch, test set of 200 windows/class from another seed): the zoo's
// factory_cnn1d reaches ~94% after 25 epochs on 400 windows/class and ~97% on 1000/class, while
// a nearest-mean classifier on raw per-channel RMS gets ~68%: level alone does not give it away.
// Bearing geometry defaults: SKF 6205-2RS deep-groove ball bearing (the CWRU drive-end bearing),
// 9 balls, ball diameter 7.94 mm, pitch diameter 39.04 mm, contact angle 0, which gives
// BPFO 3.585 fr, BPFI 5.415 fr, BSF 2.357 fr, FTF 0.398 fr.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/data/dataset.h"

namespace cleave {

struct BearingGeometry {
  int balls = 9;
  double ball_diameter_mm = 7.94;
  double pitch_diameter_mm = 39.04;
  double contact_angle_deg = 0.0;
};

// Characteristic defect frequencies as multiples ("orders") of the shaft frequency, for a
// stationary outer race and rotating inner race.
struct BearingDefectOrders {
  double bpfo = 0;  // ball pass frequency, outer race
  double bpfi = 0;  // ball pass frequency, inner race
  double bsf = 0;   // ball spin frequency
  double ftf = 0;   // fundamental train (cage) frequency
};

// Throws std::invalid_argument unless balls >= 1 and 0 < ball diameter < pitch diameter.
BearingDefectOrders bearingDefectOrders(const BearingGeometry& geometry);

// Class indices of generated windows, in this order.
enum class VibrationClass : int64_t { Healthy = 0, InnerRace, OuterRace, Ball, Imbalance };
inline constexpr int kVibrationClassCount = 5;
// {"healthy", "inner_race", "outer_race", "ball", "imbalance"}
const std::vector<std::string>& vibrationClassNames();

struct VibrationConfig {
  int channels = 3;
  int64_t window = 1024;            // samples per window
  double sample_rate_hz = 12000.0;  // 12 kHz: the CWRU drive-end rate
  double shaft_hz_min = 20.0;       // 1200 rpm
  double shaft_hz_max = 30.0;       // 1800 rpm
  BearingGeometry bearing;
  double resonance_hz = 3000.0;
  double resonance_damping = 0.05;  // damping ratio zeta of the ringing resonance
  // Amplitudes in g (before standardisation); each is jittered per window.
  double noise_std = 0.15;
  double shaft_amplitude = 0.15;     // 1x of a healthy machine
  double fault_amplitude = 1.2;      // peak of one defect impact's ringing
  double imbalance_amplitude = 0.6;  // 1x of an imbalanced rotor
  double amplitude_jitter = 0.3;     // relative, uniform
  double slip = 0.01;                // relative std of the interval between impacts
  bool standardise = true;           // per window and channel: zero mean, unit variance
};

// samples_per_class windows of each class, interleaved (sample i has class i % 5), shaped
// {channels, window}, class_names = vibrationClassNames(). Window i depends only on (seed, i).
// Throws std::invalid_argument for non-positive sizes/rates, shaft range outside (0, Nyquist),
// resonance above Nyquist, negative noise/jitter, or a bad bearing geometry.
Dataset generateVibration(const VibrationConfig& config, int64_t samples_per_class, uint64_t seed);

// Exports windows shaped {channels, window} as sensor CSV readable by readSensorCsv: header
// "window,sample,ch0,...,label", one row per time step, label written as the class name.
// At most max_windows windows when >= 0. Throws std::runtime_error if the file can't be written.
void writeVibrationCsv(const Dataset& windows, const std::filesystem::path& file,
                       int64_t max_windows = -1);

}  // namespace cleave
