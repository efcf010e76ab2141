#include "agents/cloud/demo_fleet.h"

#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <stdexcept>

#include "core/net/keys.h"

namespace cleave::cloud {

namespace {

// Heterogeneous on purpose: a fibre box, Wi-Fi, 4G and a weak camera SoC, cycling.
struct DemoDevice {
  const char* link;
  const char* slowdown;
};
constexpr DemoDevice kDevices[] = {
    {"bw=500mbit,lat=2ms,jitter=0.5ms", "1"},
    {"bw=50mbit,lat=8ms,jitter=2ms", "1.5"},
    {"bw=20mbit,lat=40ms,jitter=8ms,loss=0.1%", "2"},
    {"bw=10mbit,lat=60ms,jitter=15ms,loss=0.5%", "4"},
};

std::filesystem::path agentBinary() {
  const auto self = std::filesystem::read_symlink("/proc/self/exe");
  return self.parent_path() / "cleave-agent";
}

}  // namespace

DemoFleet::DemoFleet(int count, UseCase use_case, KeyStore& store, const std::string& endpoint,
                     const std::string& cloud_key_file,
                     const std::vector<std::string>& extra_args) {
  const auto binary = agentBinary();
  if (!std::filesystem::exists(binary)) {
    throw std::runtime_error("--demo needs " + binary.string() +
                             " (build the cleave-agent target)");
  }
  const auto key_dir = store.dir() / "demo-agents";
  for (int i = 0; i < count; ++i) {
    const std::string name = "edge-" + std::to_string(i + 1);
    // A demo run again on the same key directory (a resumed session) keeps its agents' keys.
    const bool known = std::filesystem::exists(keyFilePaths(key_dir, name).secret_file);
    const CurveKeyPair pair = known ? readKeyPair(key_dir, name) : generateCurveKeyPair();
    if (!known) writeKeyPair(key_dir, name, pair);
    if (!store.isApproved(pair.public_z85))
      store.approveKey(name, pair.public_z85, PeerRole::Device);
    const DemoDevice& d = kDevices[static_cast<size_t>(i) % std::size(kDevices)];
    const std::string data =
        use_case == UseCase::Camera
            ? "fashion-mnist:shard=" + std::to_string(i + 1) + "/" + std::to_string(count)
            : "factory:seed=" + std::to_string(i + 1);
    std::vector<std::string> args{
        binary.string(),  "--cloud",     endpoint,       "--name", name, "--keys",
        key_dir.string(), "--cloud-key", cloud_key_file, "--data", data, "--link",
        d.link,           "--slowdown",  d.slowdown,     "--quiet"};
    args.insert(args.end(), extra_args.begin(), extra_args.end());
    const pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("cannot start " + name + ": fork failed");
    if (pid == 0) {
      prctl(PR_SET_PDEATHSIG, SIGTERM);  // a cloud that dies takes its demo agents with it
      std::vector<char*> argv;
      for (auto& a : args)
        argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(argv[0], argv.data());
      std::perror("cleave-agent");
      _exit(127);
    }
    m_children.push_back(pid);
    std::printf("demo: started %s (%s, slowdown %sx, pid %d)\n", name.c_str(), d.link, d.slowdown,
                static_cast<int>(pid));
  }
  std::fflush(stdout);
}

DemoFleet::~DemoFleet() {
  for (pid_t pid : m_children)
    kill(pid, SIGTERM);
  for (pid_t pid : m_children)
    waitpid(pid, nullptr, 0);
}

}  // namespace cleave::cloud
