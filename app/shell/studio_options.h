// cleave-studio's command line: what to open at start and the documentation/test switches.
// Parsed once on the GUI thread before the main window exists.
#pragma once

#include <QString>
#include <QStringList>
#include <optional>

namespace cleave::studio {

struct StudioOptions {
  int local_fleet = 0;          // > 0: start a local cloud with this many agents
  QString use_case = "camera";  // camera | factory
  QString connect;              // control endpoint of a running cloud
  QString events;               // its events endpoint (default: control port + 1)
  QString keys;                 // key directory holding this studio's operator key
  QString cloud_key;            // the cloud's public key file (default: KEYS/cloud.key)
  QString replay;               // a recorded session to open
  QString screenshot;           // write the main window to this PNG ...
  double quit_after_s = 0;      // ... and quit after this many seconds (0: run normally)
  QString page;                 // page to show first: fleet|model|rounds|inference|session
  QString language;             // overrides the saved language for this run ("" = saved/system)
};

// Returns the options or an error message fit for the terminal (with the usage when relevant).
struct ParsedOptions {
  std::optional<StudioOptions> options;
  QString error;
  bool help = false;
  QString help_text;
};
ParsedOptions parseStudioOptions(const QStringList& arguments);

}  // namespace cleave::studio
