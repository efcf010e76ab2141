// Colours and axis styling shared by the studio's plot widgets; called on the GUI thread by the
// widgets in app/plots whenever they are built or their palette changes.
#pragma once

#include <QColor>
#include <QPalette>

class QCustomPlot;
class QCPAxis;

namespace cleave::studio::plotstyle {

// A fixed categorical palette (Tableau 10, mid-saturation) that reads on light and dark
// backgrounds; index wraps around.
QColor seriesColor(int index);
int seriesColorCount();

// Phases of one device's step, in the order they happen.
enum class Phase { Edge, Up, Cloud, Down, Wait };
QColor phaseColor(Phase phase, const QPalette& palette);

// Live-delay scale: 0 = good (green) .. 0.5 amber .. 1 = bad (red); clamped.
QColor delayColor(double t);
QColor offlineColor(const QPalette& palette);
QColor stragglerColor();

bool isDark(const QPalette& palette);

// Text, axes, grid, legend and background of a whole QCustomPlot taken from the palette.
void applyPalette(QCustomPlot* plot, const QPalette& palette);
void styleAxis(QCPAxis* axis, const QPalette& palette);

}  // namespace cleave::studio::plotstyle
