#include "core/data/vibration_generator.h"

#include <cmath>
#include <numbers>
#include <random>
#include <stdexcept>

#include "core/data/sensor_csv.h"
#include "core/data/window_standardise.h"

namespace cleave {
namespace {

constexpr double kTwoPi = 2.0 * std::numbers::pi;

// Per accelerometer role (x radial, y radial, z axial): how strongly and at which resonance the
// housing transmits defect impacts to it.
constexpr double kPathGain[3] = {1.0, 0.7, 0.4};
constexpr double kPathResonance[3] = {1.0, 1.12, 0.85};
// A ball defect's contact with the inner race reaches the housing through the rotating ring and the
// far side of the rolling elements, so it arrives much weaker than its outer-race contact.
constexpr double kInnerContactRatio = 0.3;

// One fault's impact train: its rate and how its impact amplitudes are modulated.
struct ImpactTrain {
  double rate_hz = 0;
  double mod_hz = 0;
  double depth = 0;
  bool alternate = false;
};

// splitmix64: decorrelates (seed, window index) so each window has an independent stream.
uint64_t mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

void validate(const VibrationConfig& c, int64_t samples_per_class) {
  const auto fail = [](const std::string& what) {
    throw std::invalid_argument("vibration generator: " + what);
  };
  const double nyquist = c.sample_rate_hz / 2.0;
  if (samples_per_class < 0) fail("samples_per_class must be >= 0");
  if (c.channels < 1) fail("channels must be >= 1, got " + std::to_string(c.channels));
  if (c.window < 16) fail("window must be >= 16 samples, got " + std::to_string(c.window));
  if (!(c.sample_rate_hz > 0)) fail("sample_rate_hz must be > 0");
  if (!(c.shaft_hz_min > 0) || c.shaft_hz_max < c.shaft_hz_min || c.shaft_hz_max >= nyquist / 10) {
    fail("shaft speed range [" + std::to_string(c.shaft_hz_min) + ", " +
         std::to_string(c.shaft_hz_max) + "] Hz must be positive, ordered and below Nyquist/10");
  }
  if (!(c.resonance_hz > 0) || c.resonance_hz * kPathResonance[1] * 1.03 >= nyquist) {
    fail("resonance_hz " + std::to_string(c.resonance_hz) + " must be below Nyquist/1.16 (" +
         std::to_string(nyquist / 1.16) + " Hz)");
  }
  if (!(c.resonance_damping > 0) || c.resonance_damping >= 1)
    fail("resonance_damping must be in (0, 1)");
  if (c.noise_std < 0 || c.shaft_amplitude < 0 || c.fault_amplitude < 0 ||
      c.imbalance_amplitude < 0) {
    fail("amplitudes and noise_std must be >= 0");
  }
  if (c.amplitude_jitter < 0 || c.amplitude_jitter >= 1) fail("amplitude_jitter must be in [0, 1)");
  if (c.slip < 0 || c.slip > 0.2) fail("slip must be in [0, 0.2]");
}

// One window's random state and the helpers that draw from it.
class WindowSynth {
 public:
  WindowSynth(const VibrationConfig& config, const BearingDefectOrders& orders, uint64_t seed)
      : m_config(config), m_orders(orders), m_rng(seed) {
    m_shaft_hz = uniform(config.shaft_hz_min, config.shaft_hz_max);
  }

  void render(VibrationClass cls, float* out) {
    const int64_t n = m_config.window;
    std::vector<double> signal(static_cast<size_t>(n));
    for (int c = 0; c < m_config.channels; ++c) {
      std::fill(signal.begin(), signal.end(), 0.0);
      addShaftHarmonics(signal);
      addNoise(signal);
      float* channel = out + c * n;
      for (int64_t i = 0; i < n; ++i)
        channel[i] = static_cast<float>(signal[static_cast<size_t>(i)]);
    }
    switch (cls) {
      case VibrationClass::Healthy:
        break;
      case VibrationClass::InnerRace:
        addImpacts(out,
                   {.rate_hz = m_orders.bpfi * m_shaft_hz, .mod_hz = m_shaft_hz, .depth = 0.5});
        break;
      case VibrationClass::OuterRace:
        addImpacts(out, {.rate_hz = m_orders.bpfo * m_shaft_hz});
        break;
      case VibrationClass::Ball:
        addImpacts(out, {.rate_hz = 2.0 * m_orders.bsf * m_shaft_hz,
                         .mod_hz = m_orders.ftf * m_shaft_hz,
                         .depth = 0.4,
                         .alternate = true});
        break;
      case VibrationClass::Imbalance:
        addImbalance(out);
        break;
    }
  }

 private:
  double uniform(double lo, double hi) {
    return std::uniform_real_distribution<double>(lo, hi)(m_rng);
  }
  double jitter() {
    return uniform(1.0 - m_config.amplitude_jitter, 1.0 + m_config.amplitude_jitter);
  }
  double phase() { return uniform(0.0, kTwoPi); }
  double time(int64_t i) const { return static_cast<double>(i) / m_config.sample_rate_hz; }

  void addShaftHarmonics(std::vector<double>& s) {
    for (int h = 1; h <= 3; ++h) {
      const double a = m_config.shaft_amplitude * jitter() / (1 << (h - 1));
      const double phi = phase();
      for (size_t i = 0; i < s.size(); ++i) {
        s[i] += a * std::sin(kTwoPi * h * m_shaft_hz * time(static_cast<int64_t>(i)) + phi);
      }
    }
  }

  void addNoise(std::vector<double>& s) {
    std::normal_distribution<double> noise(0.0, m_config.noise_std);
    for (double& v : s)
      v += noise(m_rng);
  }

  // Impacts at `train.rate_hz` ringing each channel's resonance. Amplitudes follow
  // 1 - depth + depth * (1 + cos(2 pi mod_hz t + phi)) / 2; `alternate` weakens every other impact
  // to kInnerContactRatio.
  void addImpacts(float* out, const ImpactTrain& train) {
    const double rate_hz = train.rate_hz;
    const double mod_hz = train.mod_hz;
    const double depth = train.depth;
    const double period = 1.0 / rate_hz;
    const double severity = m_config.fault_amplitude * jitter();
    const double mod_phase = phase();
    std::normal_distribution<double> unit(0.0, 1.0);
    // Start one period early so the tail of an impact just before the window rings into it.
    std::vector<std::pair<double, double>> impacts;  // (time, amplitude)
    double t = -uniform(0.0, period);
    for (int k = 0; t < time(m_config.window); ++k) {
      double a = severity *
                 (1.0 - depth + depth * 0.5 * (1.0 + std::cos(kTwoPi * mod_hz * t + mod_phase)));
      if (train.alternate && k % 2 == 1) a *= kInnerContactRatio;
      a *= std::max(0.0, 1.0 + 0.1 * unit(m_rng));  // impact-to-impact variation
      impacts.emplace_back(t, a);
      t += period * std::max(0.5, 1.0 + m_config.slip * unit(m_rng));
    }
    for (int c = 0; c < m_config.channels; ++c) {
      const int role = c % 3;
      const double omega =
          kTwoPi * m_config.resonance_hz * kPathResonance[role] * uniform(0.97, 1.03);
      const double zeta = m_config.resonance_damping;
      const double decay = zeta * omega;
      const double omega_d = omega * std::sqrt(1.0 - zeta * zeta);
      const double ring_time = std::log(1000.0) / decay;  // until the envelope is 1/1000
      float* channel = out + c * m_config.window;
      for (const auto& [t0, a] : impacts) {
        const auto first =
            std::max<int64_t>(0, static_cast<int64_t>(std::ceil(t0 * m_config.sample_rate_hz)));
        const auto last = std::min<int64_t>(
            m_config.window, static_cast<int64_t>((t0 + ring_time) * m_config.sample_rate_hz) + 1);
        for (int64_t i = first; i < last; ++i) {
          const double dt = time(i) - t0;
          channel[i] += static_cast<float>(kPathGain[role] * a * std::exp(-decay * dt) *
                                           std::sin(omega_d * dt));
        }
      }
    }
  }

  void addImbalance(float* out) {
    const double a = m_config.imbalance_amplitude * jitter();
    const double phi = phase();
    const double axial_phi = phase();
    for (int c = 0; c < m_config.channels; ++c) {
      const int role = c % 3;
      // x and y see the rotating unbalance force a quarter turn apart; axial sees little of it.
      const double amp = role == 2 ? 0.2 * a : a;
      const double ph = role == 0 ? phi : role == 1 ? phi - std::numbers::pi / 2 : axial_phi;
      float* channel = out + c * m_config.window;
      for (int64_t i = 0; i < m_config.window; ++i) {
        const double w = kTwoPi * m_shaft_hz * time(i);
        channel[i] +=
            static_cast<float>(amp * std::cos(w + ph) + 0.1 * amp * std::cos(2 * w + 2 * ph));
      }
    }
  }

  const VibrationConfig& m_config;
  const BearingDefectOrders& m_orders;
  std::mt19937_64 m_rng;
  double m_shaft_hz = 0;
};

}  // namespace

BearingDefectOrders bearingDefectOrders(const BearingGeometry& g) {
  if (g.balls < 1 || !(g.ball_diameter_mm > 0) || !(g.pitch_diameter_mm > g.ball_diameter_mm)) {
    throw std::invalid_argument("bearing geometry: need balls >= 1 and 0 < ball diameter (" +
                                std::to_string(g.ball_diameter_mm) + " mm) < pitch diameter (" +
                                std::to_string(g.pitch_diameter_mm) + " mm)");
  }
  const double r = g.ball_diameter_mm / g.pitch_diameter_mm *
                   std::cos(g.contact_angle_deg * std::numbers::pi / 180.0);
  const double n = g.balls;
  BearingDefectOrders o;
  o.bpfo = n / 2.0 * (1.0 - r);
  o.bpfi = n / 2.0 * (1.0 + r);
  o.bsf = g.pitch_diameter_mm / (2.0 * g.ball_diameter_mm) * (1.0 - r * r);
  o.ftf = 0.5 * (1.0 - r);
  return o;
}

const std::vector<std::string>& vibrationClassNames() {
  static const std::vector<std::string> names = {"healthy", "inner_race", "outer_race", "ball",
                                                 "imbalance"};
  return names;
}

Dataset generateVibration(const VibrationConfig& config, int64_t samples_per_class, uint64_t seed) {
  validate(config, samples_per_class);
  const BearingDefectOrders orders = bearingDefectOrders(config.bearing);
  Dataset dataset;
  dataset.name = "vibration";
  dataset.sample_shape = {config.channels, config.window};
  dataset.class_names = vibrationClassNames();
  const int64_t total = samples_per_class * kVibrationClassCount;
  const int64_t per_sample = dataset.sampleNumel();
  dataset.values.assign(static_cast<size_t>(total * per_sample), 0.0f);
  dataset.labels.resize(static_cast<size_t>(total));
  for (int64_t i = 0; i < total; ++i) {
    const auto cls = static_cast<VibrationClass>(i % kVibrationClassCount);
    dataset.labels[static_cast<size_t>(i)] = static_cast<int64_t>(cls);
    float* window = dataset.values.data() + i * per_sample;
    WindowSynth(config, orders, mix(seed ^ mix(static_cast<uint64_t>(i)))).render(cls, window);
    // Sensor gain, mounting and machine load change absolute levels from site to site; per-window
    // standardisation makes the model learn waveform shape (impacts, periodicity), not level.
    if (config.standardise) standardiseWindow(window, config.channels, config.window);
  }
  return dataset;
}

void writeVibrationCsv(const Dataset& windows, const std::filesystem::path& file,
                       int64_t max_windows) {
  writeSensorCsv(windows, file, {}, max_windows);
}

}  // namespace cleave
