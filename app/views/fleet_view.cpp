#include "app/views/fleet_view.h"

#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include "app/plots/topology_view.h"
#include "app/views/link_editor.h"

namespace cleave::studio {

FleetView::FleetView(QWidget* parent) : QWidget(parent) {
  m_table = new QTableView(this);
  m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
  m_table->setSelectionMode(QAbstractItemView::SingleSelection);
  m_table->setSortingEnabled(false);
  m_table->verticalHeader()->hide();
  m_table->horizontalHeader()->setStretchLastSection(true);
  m_table->setAlternatingRowColors(true);

  auto* pending_box = new QGroupBox(tr("Waiting for approval"), this);
  m_pending = new QListWidget(pending_box);
  m_pending->setToolTip(
      tr("Unknown keys that knocked. Compare the fingerprint with the one the "
         "agent printed before approving."));
  m_approve = new QPushButton(tr("Approve"), pending_box);
  m_reject = new QPushButton(tr("Reject"), pending_box);
  m_approve->setEnabled(false);
  m_reject->setEnabled(false);
  auto* decide_row = new QHBoxLayout;
  decide_row->addWidget(m_approve);
  decide_row->addWidget(m_reject);
  auto* pending_layout = new QVBoxLayout(pending_box);
  pending_layout->addWidget(m_pending);
  pending_layout->addLayout(decide_row);

  auto* link_box = new QGroupBox(tr("Link and CPU emulation"), this);
  m_link = new LinkEditor(link_box);
  auto* link_layout = new QVBoxLayout(link_box);
  link_layout->addWidget(m_link);

  m_topology = new TopologyView(this);
  m_topology->setMinimumHeight(180);

  auto* side = new QWidget(this);
  auto* side_layout = new QVBoxLayout(side);
  side_layout->setContentsMargins(0, 0, 0, 0);
  side_layout->addWidget(pending_box, 1);
  side_layout->addWidget(link_box);

  auto* top = new QSplitter(Qt::Horizontal, this);
  top->addWidget(m_table);
  top->addWidget(side);
  top->setStretchFactor(0, 3);
  top->setStretchFactor(1, 1);
  auto* split = new QSplitter(Qt::Vertical, this);
  split->addWidget(top);
  split->addWidget(m_topology);
  split->setStretchFactor(0, 3);
  split->setStretchFactor(1, 2);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(split);

  connect(m_pending, &QListWidget::currentRowChanged, this, [this](int row) {
    m_approve->setEnabled(m_commands && row >= 0);
    m_reject->setEnabled(m_commands && row >= 0);
  });
  connect(m_approve, &QPushButton::clicked, this, [this] { decide(true); });
  connect(m_reject, &QPushButton::clicked, this, [this] { decide(false); });
  connect(m_link, &LinkEditor::commandRequested, this, &FleetView::commandRequested);
  connect(m_link, &LinkEditor::deviceSelected, this, &FleetView::deviceSelected);
  connect(m_topology, &TopologyView::deviceClicked, this, &FleetView::deviceSelected);
}

void FleetView::setFleetModel(QAbstractItemModel* model) {
  m_table->setModel(model);
  connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
          [this](const QModelIndex& current) {
            if (current.isValid()) {
              emit deviceSelected(current.siblingAtColumn(0).data().toString());
            }
          });
}

void FleetView::setPending(const QVector<PendingDevice>& pending) {
  const QString keep = m_pending->currentItem()
                           ? m_pending->currentItem()->data(Qt::UserRole).toString()
                           : QString();
  m_pending->clear();
  for (const PendingDevice& p : pending) {
    auto* item = new QListWidgetItem(
        tr("%1 — fingerprint %2 from %3").arg(p.name, p.fingerprint, p.address), m_pending);
    item->setData(Qt::UserRole, p.name);
    if (p.name == keep) m_pending->setCurrentItem(item);
  }
}

void FleetView::setCommandsEnabled(bool enabled) {
  m_commands = enabled;
  m_link->setCommandsEnabled(enabled);
  const bool selected = m_pending->currentRow() >= 0;
  m_approve->setEnabled(enabled && selected);
  m_reject->setEnabled(enabled && selected);
}

void FleetView::decide(bool approve) {
  const QListWidgetItem* item = m_pending->currentItem();
  if (!item) return;
  net::Command c;
  c.kind = approve ? net::CommandKind::ApproveKey : net::CommandKind::RejectKey;
  c.key = item->data(Qt::UserRole).toString().toStdString();
  if (approve) {
    // The cloud admits a key under the agent's own --name (its routing id), which only the
    // operator knows: the pending entry has just a fingerprint.
    bool ok = false;
    const QString name = QInputDialog::getText(
        this, tr("Approve device"), tr("Name the device was started with (cleave-agent --name):"),
        QLineEdit::Normal, QString(), &ok);
    if (!ok || name.trimmed().isEmpty()) return;
    c.device = name.trimmed().toStdString();
  }
  emit commandRequested(c);
}

}  // namespace cleave::studio
