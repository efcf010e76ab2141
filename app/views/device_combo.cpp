#include "app/views/device_combo.h"

#include <QComboBox>
#include <QSignalBlocker>

namespace cleave::studio {

bool replaceDeviceItems(QComboBox* combo, const QStringList& devices) {
  const QString keep = combo->currentData().toString();
  const QSignalBlocker block(combo);
  while (combo->count() > 1)
    combo->removeItem(1);
  for (const QString& d : devices)
    combo->addItem(d, d);
  const int index = combo->findData(keep);
  combo->setCurrentIndex(std::max(0, index));
  return index >= 0;
}

}  // namespace cleave::studio
