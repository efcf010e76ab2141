// The device pickers on several pages: item 0 stands for every device (data ""), then one item
// per device. GUI thread.
#pragma once

#include <QStringList>

class QComboBox;

namespace cleave::studio {

// Replaces the device items after item 0 without emitting, keeping the selected device when it
// is still there. Returns false when the selection fell back to item 0.
bool replaceDeviceItems(QComboBox* combo, const QStringList& devices);

}  // namespace cleave::studio
