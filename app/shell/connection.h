// Turns what the operator typed on the start page (endpoints, a key folder) into a CloudLink
// configuration, with errors an operator can act on. GUI thread; reads key files only.
#pragma once

#include <QString>
#include <variant>

#include "app/link/cloud_link.h"
#include "app/shell/start_page.h"

namespace cleave::studio {

// The events endpoint when none is given: the control endpoint's port + 1 (cleave-cloud's
// defaults are adjacent ports).
QString defaultEventsEndpoint(const QString& control);

// The operator key is the only *.key_secret in `keys` (its name is the approved name); the
// cloud's key is `cloud_key`, else KEYS/cloud.key. Returns the config or an error message.
std::variant<CloudLinkConfig, QString> linkConfigFor(const ConnectionSettings& settings);

}  // namespace cleave::studio
