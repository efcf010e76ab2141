// Child processes for the runtime benchmarks: start cleave-cloud / cleave-agent with their output
// on a pipe, read it without blocking, and sample a process's CPU time and memory from /proc.
// Header-only; call from the benchmark's main thread.
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace cleave::bench {

// The folder this benchmark runs from: cleave-cloud and cleave-agent are built next to it.
inline std::filesystem::path binDir() {
  return std::filesystem::read_symlink("/proc/self/exe").parent_path();
}

inline std::filesystem::path makeTempDir(const std::string& tag) {
  std::string pattern = (std::filesystem::temp_directory_path() / ("cleave-" + tag + "-XXXXXX"));
  if (!mkdtemp(pattern.data())) throw std::runtime_error("cannot create a temporary folder");
  return pattern;
}

class Child {
 public:
  // Starts `args[0]` with stdout+stderr on a pipe this object reads; dies with the benchmark.
  explicit Child(std::vector<std::string> args) {
    int fds[2];
    if (pipe(fds) != 0) throw std::runtime_error("pipe failed");
    m_pid = fork();
    if (m_pid < 0) throw std::runtime_error("fork failed");
    if (m_pid == 0) {
      prctl(PR_SET_PDEATHSIG, SIGTERM);
      dup2(fds[1], 1);
      dup2(fds[1], 2);
      close(fds[0]);
      close(fds[1]);
      std::vector<char*> argv;
      for (auto& a : args)
        argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(argv[0], argv.data());
      std::perror(argv[0]);
      _exit(127);
    }
    close(fds[1]);
    m_fd = fds[0];
    fcntl(m_fd, F_SETFL, O_NONBLOCK);
  }
  ~Child() {
    if (m_pid > 0 && !m_exited) {
      kill(m_pid, SIGKILL);
      waitpid(m_pid, nullptr, 0);
    }
    if (m_fd >= 0) close(m_fd);
  }
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  pid_t pid() const { return m_pid; }
  // Reads what is available (waiting up to `ms` for something) and returns all output so far.
  const std::string& pump(int ms = 0) {
    pollfd p{m_fd, POLLIN, 0};
    if (poll(&p, 1, ms) > 0) {
      char buf[65536];
      for (ssize_t n; (n = read(m_fd, buf, sizeof buf)) > 0;)
        m_output.append(buf, static_cast<size_t>(n));
    }
    return m_output;
  }
  // Waits until `text` is in the output; false when the process ends or `seconds` pass first.
  bool waitFor(const std::string& text, double seconds) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    while (pump(100).find(text) == std::string::npos) {
      if (exited() || std::chrono::steady_clock::now() > until)
        return pump().find(text) != std::string::npos;
    }
    return true;
  }
  bool exited() {
    if (m_exited) return true;
    int status = 0;
    if (waitpid(m_pid, &status, WNOHANG) == m_pid) {
      m_exited = true;
      m_status = status;
    }
    return m_exited;
  }
  // Waits for the exit; false on timeout. The exit status is then in status().
  bool wait(double seconds) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    while (!exited()) {
      pump(50);
      if (std::chrono::steady_clock::now() > until) return false;
    }
    pump();
    return true;
  }
  void signal(int sig) {
    if (!m_exited) kill(m_pid, sig);
  }
  int status() const { return m_status; }
  const std::string& output() const { return m_output; }

 private:
  pid_t m_pid = -1;
  int m_fd = -1;
  bool m_exited = false;
  int m_status = 0;
  std::string m_output;
};

// CPU seconds (user + system) `pid` itself has used, without its children; -1 when gone.
inline double cpuSeconds(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string text;
  if (!std::getline(in, text)) return -1;
  const auto close = text.rfind(')');  // the command name may hold spaces
  std::istringstream fields(text.substr(close + 2));
  std::string f;
  double utime = 0, stime = 0;
  for (int i = 3; i <= 15 && fields >> f; ++i) {  // fields 14 and 15 of proc(5)
    if (i == 14) utime = std::stod(f);
    if (i == 15) stime = std::stod(f);
  }
  return (utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

// A "VmRSS"/"VmHWM" line of /proc/PID/status in MiB; -1 when gone.
inline double memoryMiB(pid_t pid, const std::string& key) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(key + ":", 0) == 0) return std::stod(line.substr(key.size() + 1)) / 1024.0;
  }
  return -1;
}

// Direct children of `pid` (its main thread's list, which is where fork()ed children appear).
inline std::vector<pid_t> childrenOf(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/task/" + std::to_string(pid) + "/children");
  std::vector<pid_t> out;
  for (long p; in >> p;)
    out.push_back(static_cast<pid_t>(p));
  return out;
}

// Raises the open-file limit to its hard maximum (a thousand sockets need a few thousand fds).
inline void raiseFileLimit() {
  rlimit r{};
  if (getrlimit(RLIMIT_NOFILE, &r) == 0 && r.rlim_cur < r.rlim_max) {
    r.rlim_cur = r.rlim_max;
    setrlimit(RLIMIT_NOFILE, &r);
  }
}

template <typename T>
double percentile(std::vector<T> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const double at = p / 100.0 * static_cast<double>(v.size() - 1);
  const size_t lo = static_cast<size_t>(at);
  const size_t hi = std::min(lo + 1, v.size() - 1);
  return static_cast<double>(v[lo]) +
         (at - static_cast<double>(lo)) * (static_cast<double>(v[hi]) - static_cast<double>(v[lo]));
}

}  // namespace cleave::bench
