<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>QObject</name>
    <message>
        <source>Key folder %1 does not exist</source>
        <translation>Der Schlüsselordner %1 existiert nicht</translation>
    </message>
    <message>
        <source>No operator key in %1: create one with &apos;cleave keygen --out %1 --name studio&apos; and have the cloud&apos;s operator approve it</source>
        <translation>Kein Operator-Schlüssel in %1: Erzeugen Sie einen mit &apos;cleave keygen --out %1 --name studio&apos; und lassen Sie ihn vom Operator der Cloud freigeben</translation>
    </message>
    <message>
        <source>%1 holds several secret keys (%2); keep only this studio&apos;s</source>
        <translation>%1 enthält mehrere geheime Schlüssel (%2); behalten Sie nur den dieses Studios</translation>
    </message>
    <message>
        <source>Cannot derive the events endpoint from &apos;%1&apos;; enter it</source>
        <translation>Der Ereignis-Endpunkt lässt sich nicht aus &apos;%1&apos; ableiten; bitte geben Sie ihn ein</translation>
    </message>
</context>
<context>
    <name>StudioOptions</name>
    <message>
        <source>Cleave studio: plan, run and replay edge-cloud split training.</source>
        <translation>Cleave Studio: Edge-Cloud-Split-Training planen, ausführen und wiedergeben.</translation>
    </message>
</context>
<context>
    <name>cleave::studio::CloudLink</name>
    <message>
        <source>SYNC is sent by the link itself</source>
        <translation>SYNC sendet die Verbindung selbst</translation>
    </message>
</context>
<context>
    <name>cleave::studio::CloudLinkWorker</name>
    <message>
        <source>the cloud at %1 refused this studio&apos;s key (ZAP status %2): approve its public key on the cloud as an operator named &apos;%3&apos;</source>
        <translation>die Cloud unter %1 hat den Schlüssel dieses Studios abgelehnt (ZAP-Status %2): Geben Sie seinen öffentlichen Schlüssel auf der Cloud als Operator namens &apos;%3&apos; frei</translation>
    </message>
    <message>
        <source>the connection to the cloud was lost before it answered (%1)</source>
        <translation>die Verbindung zur Cloud brach ab, bevor sie antwortete (%1)</translation>
    </message>
    <message>
        <source>could not send the command: %1</source>
        <translation>der Befehl konnte nicht gesendet werden: %1</translation>
    </message>
    <message>
        <source>no reply from the cloud at %1 for %2 s</source>
        <translation>seit %2 s keine Antwort von der Cloud unter %1</translation>
    </message>
    <message>
        <source>not connected to the cloud at %1: the command was not sent</source>
        <translation>nicht mit der Cloud unter %1 verbunden: der Befehl wurde nicht gesendet</translation>
    </message>
</context>
<context>
    <name>cleave::studio::CostGraph</name>
    <message>
        <source>layer</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <source>per layer (ms)</source>
        <translation>pro Schicht (ms)</translation>
    </message>
    <message>
        <source>step time (ms)</source>
        <translation>Schrittzeit (ms)</translation>
    </message>
    <message>
        <source>bytes per step</source>
        <translation>Bytes pro Schritt</translation>
    </message>
    <message>
        <source>cut (drag the line: layers left of it run on the edge)</source>
        <translation>Schnitt (Linie ziehen: Schichten links davon laufen auf dem Edge-Gerät)</translation>
    </message>
    <message>
        <source>layer on the edge (ms)</source>
        <translation>Schicht auf dem Edge-Gerät (ms)</translation>
    </message>
    <message>
        <source>layer on the cloud (ms)</source>
        <translation>Schicht in der Cloud (ms)</translation>
    </message>
    <message>
        <source>bytes per step at the cut</source>
        <translation>Bytes pro Schritt am Schnitt</translation>
    </message>
    <message>
        <source>predicted step time at the cut (ms)</source>
        <translation>vorhergesagte Schrittzeit am Schnitt (ms)</translation>
    </message>
    <message>
        <source>cut not feasible</source>
        <translation>Schnitt nicht möglich</translation>
    </message>
    <message>
        <source>fastest cut</source>
        <translation>schnellster Schnitt</translation>
    </message>
    <message>
        <source>edge %1 ms · up %2 · cloud %3 · down %4 = %5 ms</source>
        <translation>Edge %1 ms · Uplink %2 · Cloud %3 · Downlink %4 = %5 ms</translation>
    </message>
    <message>
        <source>cut %1</source>
        <translation>Schnitt %1</translation>
    </message>
    <message>
        <source>No cost data for this device yet.</source>
        <translation>Noch keine Kostendaten für dieses Gerät.</translation>
    </message>
    <message>
        <source>No split selected.</source>
        <translation>Keine Aufteilung gewählt.</translation>
    </message>
    <message>
        <source>all layers on the cloud</source>
        <translation>alle Schichten in der Cloud</translation>
    </message>
    <message>
        <source>all layers on the edge</source>
        <translation>alle Schichten auf dem Edge-Gerät</translation>
    </message>
    <message>
        <source>layers 1–%1 on the edge, %2–%3 on the cloud</source>
        <translation>Schichten 1–%1 auf dem Edge-Gerät, %2–%3 in der Cloud</translation>
    </message>
    <message>
        <source>Cut %1 (%2): %3 · %4 over the link per step</source>
        <translation>Schnitt %1 (%2): %3 · %4 pro Schritt über die Verbindung</translation>
    </message>
    <message>
        <source>fastest: cut %1 · %2 ms</source>
        <translation>am schnellsten: Schnitt %1 · %2 ms</translation>
    </message>
</context>
<context>
    <name>cleave::studio::FleetModel</name>
    <message>
        <source>key %1 from %2</source>
        <translation>Schlüssel %1 von %2</translation>
    </message>
    <message>
        <source>effective rate of the last round: bytes over the measured up/down time</source>
        <translation>effektive Rate der letzten Runde: Bytes geteilt durch die gemessene Up-/Downlink-Zeit</translation>
    </message>
    <message>
        <source>pending approval</source>
        <translation>wartet auf Freigabe</translation>
    </message>
    <message>
        <source>%1/%2 Mbit/s, %3 ms</source>
        <translation>%1/%2 Mbit/s, %3 ms</translation>
    </message>
    <message>
        <source>%1/%2 Mbit/s</source>
        <translation>%1/%2 Mbit/s</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>CPU cores</source>
        <translation>CPU-Kerne</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <source>Link (emulated)</source>
        <translation>Verbindung (emuliert)</translation>
    </message>
    <message>
        <source>Measured up/down</source>
        <translation>Gemessen (Up/Down)</translation>
    </message>
    <message>
        <source>Cut</source>
        <translation>Schnitt</translation>
    </message>
    <message>
        <source>Last delay</source>
        <translation>Letzte Verzögerung</translation>
    </message>
    <message>
        <source>Exit rate</source>
        <translation>Exit-Rate</translation>
    </message>
</context>
<context>
    <name>cleave::studio::FleetView</name>
    <message>
        <source>Waiting for approval</source>
        <translation>Warten auf Freigabe</translation>
    </message>
    <message>
        <source>Unknown keys that knocked. Compare the fingerprint with the one the agent printed before approving.</source>
        <translation>Unbekannte Schlüssel, die angeklopft haben. Vergleichen Sie den Fingerabdruck vor der Freigabe mit dem, den der Agent ausgegeben hat.</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Freigeben</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Ablehnen</translation>
    </message>
    <message>
        <source>Link and CPU emulation</source>
        <translation>Verbindungs- und CPU-Emulation</translation>
    </message>
    <message>
        <source>%1 — fingerprint %2 from %3</source>
        <translation>%1 — Fingerabdruck %2 von %3</translation>
    </message>
    <message>
        <source>Approve device</source>
        <translation>Gerät freigeben</translation>
    </message>
    <message>
        <source>Name the device was started with (cleave-agent --name):</source>
        <translation>Name, mit dem das Gerät gestartet wurde (cleave-agent --name):</translation>
    </message>
</context>
<context>
    <name>cleave::studio::FramePreview</name>
    <message>
        <source>No frame yet</source>
        <translation>Noch kein Bild</translation>
    </message>
    <message>
        <source>class %1</source>
        <translation>Klasse %1</translation>
    </message>
    <message>
        <source>class %1 (%2)</source>
        <translation>Klasse %1 (%2)</translation>
    </message>
    <message>
        <source>no prediction</source>
        <translation>keine Vorhersage</translation>
    </message>
    <message>
        <source>cloud · %1 · %2 ms</source>
        <translation>Cloud · %1 · %2 ms</translation>
    </message>
    <message>
        <source>exit %1 · %2 · %3 ms</source>
        <translation>Exit %1 · %2 · %3 ms</translation>
    </message>
</context>
<context>
    <name>cleave::studio::InferenceView</name>
    <message>
        <source>Early-exit inference</source>
        <translation>Early-Exit-Inferenz</translation>
    </message>
    <message>
        <source>All devices</source>
        <translation>Alle Geräte</translation>
    </message>
    <message>
        <source>A device answers locally when the exit&apos;s normalised entropy is at or below this threshold; higher = more local answers</source>
        <translation>Ein Gerät antwortet lokal, wenn die normierte Entropie des Exits höchstens diesen Schwellwert erreicht; höher = mehr lokale Antworten</translation>
    </message>
    <message>
        <source>Run inference</source>
        <translation>Inferenz starten</translation>
    </message>
    <message>
        <source>Back to training</source>
        <translation>Zurück zum Training</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>Gerät:</translation>
    </message>
    <message>
        <source>Exit threshold:</source>
        <translation>Exit-Schwellwert:</translation>
    </message>
    <message>
        <source>No frame yet: put a camera device into inference.</source>
        <translation>Noch kein Bild: Versetzen Sie ein Kameragerät in den Inferenzmodus.</translation>
    </message>
    <message>
        <source>Live frame</source>
        <translation>Live-Bild</translation>
    </message>
    <message>
        <source>Early-exit rate per device</source>
        <translation>Early-Exit-Rate pro Gerät</translation>
    </message>
    <message>
        <source>time (s)</source>
        <translation>Zeit (s)</translation>
    </message>
    <message>
        <source>answered on the edge (%)</source>
        <translation>auf dem Edge-Gerät beantwortet (%)</translation>
    </message>
    <message>
        <source>Latency per device</source>
        <translation>Latenz pro Gerät</translation>
    </message>
    <message>
        <source>mean latency (ms)</source>
        <translation>mittlere Latenz (ms)</translation>
    </message>
</context>
<context>
    <name>cleave::studio::LayerModel</name>
    <message>
        <source>Layer</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Output shape</source>
        <translation>Ausgabeform</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>FLOPs</source>
        <translation>FLOPs</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>Aktivierung</translation>
    </message>
    <message>
        <source>Edge ms</source>
        <translation>Edge ms</translation>
    </message>
    <message>
        <source>Cloud ms</source>
        <translation>Cloud ms</translation>
    </message>
</context>
<context>
    <name>cleave::studio::LinkEditor</name>
    <message>
        <source>All devices</source>
        <translation>Alle Geräte</translation>
    </message>
    <message>
        <source> Mbit/s</source>
        <translation> Mbit/s</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <source> ×</source>
        <translation> ×</translation>
    </message>
    <message>
        <source>How many times slower than this CPU the device computes</source>
        <translation>Faktor, um den das Gerät langsamer rechnet als diese CPU</translation>
    </message>
    <message>
        <source>Apply link</source>
        <translation>Verbindung anwenden</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>Gerät:</translation>
    </message>
    <message>
        <source>Uplink:</source>
        <translation>Uplink:</translation>
    </message>
    <message>
        <source>Downlink:</source>
        <translation>Downlink:</translation>
    </message>
    <message>
        <source>Latency:</source>
        <translation>Latenz:</translation>
    </message>
    <message>
        <source>Jitter:</source>
        <translation>Jitter:</translation>
    </message>
    <message>
        <source>Loss:</source>
        <translation>Verlust:</translation>
    </message>
    <message>
        <source>CPU slowdown:</source>
        <translation>CPU-Verlangsamung:</translation>
    </message>
</context>
<context>
    <name>cleave::studio::LocalFleet</name>
    <message>
        <source>cleave-cloud could not be started (%1): %2</source>
        <translation>cleave-cloud konnte nicht gestartet werden (%1): %2</translation>
    </message>
    <message>
        <source>crashed</source>
        <translation>ist abgestürzt</translation>
    </message>
    <message>
        <source>exited with code %1</source>
        <translation>wurde mit Code %1 beendet</translation>
    </message>
    <message>
        <source>the local cleave-cloud %1%2</source>
        <translation>die lokale cleave-cloud %1%2</translation>
    </message>
    <message>
        <source>a local fleet is already running</source>
        <translation>eine lokale Flotte läuft bereits</translation>
    </message>
    <message>
        <source>a local fleet has 1 to 64 devices, not %1</source>
        <translation>eine lokale Flotte hat 1 bis 64 Geräte, nicht %1</translation>
    </message>
    <message>
        <source>unknown use case &apos;%1&apos;: expected camera or factory</source>
        <translation>unbekanntes Szenario &apos;%1&apos;: erwartet wird camera oder factory</translation>
    </message>
    <message>
        <source>cleave-cloud was not found (looked for %1); build it or set CLEAVE_CLOUD_BINARY</source>
        <translation>cleave-cloud wurde nicht gefunden (gesucht: %1); bauen Sie es oder setzen Sie CLEAVE_CLOUD_BINARY</translation>
    </message>
    <message>
        <source>cannot create the fleet&apos;s data directory %1</source>
        <translation>das Datenverzeichnis %1 der Flotte kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>cannot prepare the fleet&apos;s keys in %1: %2</source>
        <translation>die Schlüssel der Flotte in %1 können nicht vorbereitet werden: %2</translation>
    </message>
    <message>
        <source>cleave-cloud printed an endpoints line without control/events: %1</source>
        <translation>cleave-cloud hat eine Endpunkt-Zeile ohne control/events ausgegeben: %1</translation>
    </message>
</context>
<context>
    <name>cleave::studio::LogModel</name>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
</context>
<context>
    <name>cleave::studio::LogPanel</name>
    <message>
        <source>Filter the log (device, level or text)</source>
        <translation>Protokoll filtern (Gerät, Stufe oder Text)</translation>
    </message>
</context>
<context>
    <name>cleave::studio::MainWindow</name>
    <message>
        <source>approve %1</source>
        <translation>%1 freigeben</translation>
    </message>
    <message>
        <source>reject %1</source>
        <translation>%1 ablehnen</translation>
    </message>
    <message>
        <source>set the split</source>
        <translation>Aufteilung setzen</translation>
    </message>
    <message>
        <source>set the link</source>
        <translation>Verbindung setzen</translation>
    </message>
    <message>
        <source>start rounds</source>
        <translation>Runden starten</translation>
    </message>
    <message>
        <source>pause rounds</source>
        <translation>Runden pausieren</translation>
    </message>
    <message>
        <source>stop rounds</source>
        <translation>Runden stoppen</translation>
    </message>
    <message>
        <source>set inference</source>
        <translation>Inferenz setzen</translation>
    </message>
    <message>
        <source>sync</source>
        <translation>Synchronisieren</translation>
    </message>
    <message>
        <source>Cleave Studio</source>
        <translation>Cleave Studio</translation>
    </message>
    <message>
        <source>not connected</source>
        <translation>nicht verbunden</translation>
    </message>
    <message>
        <source>&amp;Fleet</source>
        <translation>&amp;Flotte</translation>
    </message>
    <message>
        <source>&amp;Model</source>
        <translation>&amp;Modell</translation>
    </message>
    <message>
        <source>&amp;Rounds</source>
        <translation>&amp;Runden</translation>
    </message>
    <message>
        <source>&amp;Inference</source>
        <translation>&amp;Inferenz</translation>
    </message>
    <message>
        <source>&amp;Session</source>
        <translation>&amp;Sitzung</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Start page</source>
        <translation>&amp;Startseite</translation>
    </message>
    <message>
        <source>&amp;Open session…</source>
        <translation>Sitzung ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Open a recorded session</source>
        <translation>Aufgezeichnete Sitzung öffnen</translation>
    </message>
    <message>
        <source>Cleave sessions (*.cleave);;All files (*)</source>
        <translation>Cleave-Sitzungen (*.cleave);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Export plots…</source>
        <translation>Plots exportieren…</translation>
    </message>
    <message>
        <source>Export plots to</source>
        <translation>Plots exportieren nach</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pausieren</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>St&amp;oppen</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Cleave</source>
        <translation>Ü&amp;ber Cleave</translation>
    </message>
    <message>
        <source>About Cleave</source>
        <translation>Über Cleave</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Cleave %1&lt;/h3&gt;&lt;p&gt;Edge-cloud split training and early-exit inference of neural networks.&lt;/p&gt;&lt;p&gt;Drag the split on the Model page, run rounds on the Rounds page, replay any recorded session.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Cleave %1&lt;/h3&gt;&lt;p&gt;Edge-Cloud-Split-Training und Early-Exit-Inferenz neuronaler Netze.&lt;/p&gt;&lt;p&gt;Ziehen Sie den Schnitt auf der Seite „Modell“, führen Sie Runden auf der Seite „Runden“ aus und spielen Sie jede aufgezeichnete Sitzung erneut ab.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Local fleet</source>
        <translation>Lokale Flotte</translation>
    </message>
    <message>
        <source>Done: %1</source>
        <translation>Erledigt: %1</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>local fleet · %1</source>
        <translation>lokale Flotte · %1</translation>
    </message>
    <message>
        <source>starting a local fleet…</source>
        <translation>lokale Flotte wird gestartet…</translation>
    </message>
    <message>
        <source>Connect to a cloud</source>
        <translation>Mit einer Cloud verbinden</translation>
    </message>
    <message>
        <source>cloud %1</source>
        <translation>Cloud %1</translation>
    </message>
    <message>
        <source>replay · %1</source>
        <translation>Wiedergabe · %1</translation>
    </message>
    <message>
        <source>A recording cannot take commands</source>
        <translation>Eine Aufzeichnung kann keine Befehle annehmen</translation>
    </message>
    <message>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>This session is not recorded to a file on this computer.</source>
        <translation>Diese Sitzung wird auf diesem Computer nicht in eine Datei aufgezeichnet.</translation>
    </message>
    <message>
        <source>Wrote metrics.csv, events.csv and rounds.csv (%1 metric rows) to %2</source>
        <translation>metrics.csv, events.csv und rounds.csv (%1 Metrikzeilen) nach %2 geschrieben</translation>
    </message>
    <message>
        <source>Wrote %1 plots as PNG and SVG to %2</source>
        <translation>%1 Plots als PNG und SVG nach %2 geschrieben</translation>
    </message>
</context>
<context>
    <name>cleave::studio::ModelView</name>
    <message>
        <source>Drag the red line (or use ← →) to move the split; release to apply</source>
        <translation>Ziehen Sie die rote Linie (oder nutzen Sie ← →), um den Schnitt zu verschieben; beim Loslassen wird er angewendet</translation>
    </message>
    <message>
        <source>Apply this cut to all devices</source>
        <translation>Diesen Schnitt auf alle Geräte anwenden</translation>
    </message>
    <message>
        <source>Fastest per device</source>
        <translation>Schnellster pro Gerät</translation>
    </message>
    <message>
        <source>Let the cloud pick each device&apos;s fastest cut every round</source>
        <translation>Die Cloud wählt in jeder Runde für jedes Gerät den schnellsten Schnitt</translation>
    </message>
    <message>
        <source>In step</source>
        <translation>Im Gleichschritt</translation>
    </message>
    <message>
        <source>Let the cloud pick cuts so that all devices finish together</source>
        <translation>Die Cloud wählt die Schnitte so, dass alle Geräte gleichzeitig fertig werden</translation>
    </message>
    <message>
        <source>Costs for:</source>
        <translation>Kosten für:</translation>
    </message>
    <message>
        <source>All devices (slowest)</source>
        <translation>Alle Geräte (langsamstes)</translation>
    </message>
</context>
<context>
    <name>cleave::studio::RoundControls</name>
    <message>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <source>Start or continue rounds with these settings (Ctrl+R)</source>
        <translation>Runden mit diesen Einstellungen starten oder fortsetzen (Strg+R)</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Finish the current round, then wait (Ctrl+P)</source>
        <translation>Aktuelle Runde abschließen, dann warten (Strg+P)</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <source>Close the current round and end the session</source>
        <translation>Aktuelle Runde abschließen und die Sitzung beenden</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>automatisch</translation>
    </message>
    <message>
        <source>fp32 (exact)</source>
        <translation>fp32 (exakt)</translation>
    </message>
    <message>
        <source>fp16 (half the bytes)</source>
        <translation>fp16 (halbe Bytes)</translation>
    </message>
    <message>
        <source>int8 (a quarter)</source>
        <translation>int8 (ein Viertel)</translation>
    </message>
    <message>
        <source>Rounds:</source>
        <translation>Runden:</translation>
    </message>
    <message>
        <source>Steps per round:</source>
        <translation>Schritte pro Runde:</translation>
    </message>
    <message>
        <source>Batch:</source>
        <translation>Batchgröße:</translation>
    </message>
    <message>
        <source>Learning rate:</source>
        <translation>Lernrate:</translation>
    </message>
    <message>
        <source>FedAvg every:</source>
        <translation>FedAvg alle:</translation>
    </message>
    <message>
        <source>Deadline:</source>
        <translation>Frist:</translation>
    </message>
    <message>
        <source>Split codec:</source>
        <translation>Split-Codec:</translation>
    </message>
</context>
<context>
    <name>cleave::studio::RoundGantt</name>
    <message>
        <source>time in the round (ms)</source>
        <translation>Zeit in der Runde (ms)</translation>
    </message>
    <message>
        <source>edge compute</source>
        <translation>Edge-Berechnung</translation>
    </message>
    <message>
        <source>uplink</source>
        <translation>Uplink</translation>
    </message>
    <message>
        <source>cloud compute</source>
        <translation>Cloud-Berechnung</translation>
    </message>
    <message>
        <source>downlink</source>
        <translation>Downlink</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>Warten</translation>
    </message>
    <message>
        <source>straggler</source>
        <translation>Nachzügler</translation>
    </message>
    <message>
        <source>No round yet</source>
        <translation>Noch keine Runde</translation>
    </message>
    <message>
        <source>Round %1 · devices: %2 · slowest %3 ms · stragglers: %4</source>
        <translation>Runde %1 · Geräte: %2 · langsamstes %3 ms · Nachzügler: %4</translation>
    </message>
</context>
<context>
    <name>cleave::studio::RoundsView</name>
    <message>
        <source>Rounds</source>
        <translation>Runden</translation>
    </message>
    <message>
        <source>no round yet</source>
        <translation>noch keine Runde</translation>
    </message>
    <message>
        <source>Round:</source>
        <translation>Runde:</translation>
    </message>
    <message>
        <source>Delay per device</source>
        <translation>Verzögerung pro Gerät</translation>
    </message>
    <message>
        <source>round time (ms)</source>
        <translation>Rundenzeit (ms)</translation>
    </message>
    <message>
        <source>Jitter per device</source>
        <translation>Jitter pro Gerät</translation>
    </message>
    <message>
        <source>jitter (ms)</source>
        <translation>Jitter (ms)</translation>
    </message>
    <message>
        <source>Accuracy per exit</source>
        <translation>Genauigkeit pro Exit</translation>
    </message>
    <message>
        <source>accuracy (%)</source>
        <translation>Genauigkeit (%)</translation>
    </message>
    <message>
        <source>Early-exit rate</source>
        <translation>Early-Exit-Rate</translation>
    </message>
    <message>
        <source>samples exited early (%)</source>
        <translation>vorzeitig beendete Samples (%)</translation>
    </message>
    <message>
        <source>Bytes per round</source>
        <translation>Bytes pro Runde</translation>
    </message>
    <message>
        <source>bytes</source>
        <translation>Bytes</translation>
    </message>
    <message>
        <source>Stragglers</source>
        <translation>Nachzügler</translation>
    </message>
    <message>
        <source>devices</source>
        <translation>Geräte</translation>
    </message>
    <message>
        <source>session time (s)</source>
        <translation>Sitzungszeit (s)</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
</context>
<context>
    <name>cleave::studio::SessionState</name>
    <message>
        <source>straggler in round %1</source>
        <translation>Nachzügler in Runde %1</translation>
    </message>
    <message>
        <source>session ended: %1</source>
        <translation>Sitzung beendet: %1</translation>
    </message>
    <message>
        <source>rounds paused: %1</source>
        <translation>Runden pausiert: %1</translation>
    </message>
    <message>
        <source>rounds resumed</source>
        <translation>Runden fortgesetzt</translation>
    </message>
    <message>
        <source>joined (%1, %2 cores)</source>
        <translation>beigetreten (%1, %2 Kerne)</translation>
    </message>
    <message>
        <source>left: %1</source>
        <translation>ausgeschieden: %1</translation>
    </message>
    <message>
        <source>unknown key %1 from %2 is waiting for approval</source>
        <translation>unbekannter Schlüssel %1 von %2 wartet auf Freigabe</translation>
    </message>
    <message>
        <source>round %1 closed in %2 ms (%3)</source>
        <translation>Runde %1 nach %2 ms abgeschlossen (%3)</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>vollständig</translation>
    </message>
    <message>
        <source>; stragglers: %1</source>
        <translation>; Nachzügler: %1</translation>
    </message>
</context>
<context>
    <name>cleave::studio::SessionView</name>
    <message>
        <source>No session file</source>
        <translation>Keine Sitzungsdatei</translation>
    </message>
    <message>
        <source>Replay</source>
        <translation>Wiedergabe</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Abspielen</translation>
    </message>
    <message>
        <source>Play or pause the recording (Space)</source>
        <translation>Aufzeichnung abspielen oder pausieren (Leertaste)</translation>
    </message>
    <message>
        <source>%1×</source>
        <translation>%1×</translation>
    </message>
    <message>
        <source>Speed:</source>
        <translation>Geschwindigkeit:</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>Metrics as CSV…</source>
        <translation>Metriken als CSV…</translation>
    </message>
    <message>
        <source>Plots as PNG and SVG…</source>
        <translation>Plots als PNG und SVG…</translation>
    </message>
    <message>
        <source>Export metrics as CSV to</source>
        <translation>Metriken als CSV exportieren nach</translation>
    </message>
    <message>
        <source>Export plots to</source>
        <translation>Plots exportieren nach</translation>
    </message>
    <message>
        <source>Session file: %1</source>
        <translation>Sitzungsdatei: %1</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Rounds of this session</source>
        <translation>Runden dieser Sitzung</translation>
    </message>
    <message>
        <source>Round</source>
        <translation>Runde</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <source>Early exit</source>
        <translation>Early Exit</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>Geräte</translation>
    </message>
    <message>
        <source>Stragglers</source>
        <translation>Nachzügler</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
</context>
<context>
    <name>cleave::studio::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <source>System palette</source>
        <translation>Systemfarben</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>A new language applies fully after restarting the studio.</source>
        <translation>Eine neue Sprache wird nach einem Neustart des Studios vollständig übernommen.</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Sprache:</translation>
    </message>
    <message>
        <source>Palette:</source>
        <translation>Farbschema:</translation>
    </message>
</context>
<context>
    <name>cleave::studio::SplitController</name>
    <message>
        <source>the session has not named its model yet</source>
        <translation>die Sitzung hat ihr Modell noch nicht genannt</translation>
    </message>
    <message>
        <source>the session&apos;s model spec is unusable: %1</source>
        <translation>die Modellbeschreibung der Sitzung ist unbrauchbar: %1</translation>
    </message>
    <message>
        <source>batch %1 assumed (the session did not say)</source>
        <translation>Batchgröße %1 angenommen (die Sitzung hat sie nicht angegeben)</translation>
    </message>
    <message>
        <source>cloud speed %1 GFLOP/s assumed until a round measures it</source>
        <translation>Cloud-Geschwindigkeit von %1 GFLOP/s angenommen, bis eine Runde sie misst</translation>
    </message>
    <message>
        <source>%1: link unknown, %2 Mbit/s assumed</source>
        <translation>%1: Verbindung unbekannt, %2 Mbit/s angenommen</translation>
    </message>
    <message>
        <source>%1: no measured layer profile yet</source>
        <translation>%1: noch kein gemessenes Schichtprofil</translation>
    </message>
    <message>
        <source>no model to split yet</source>
        <translation>noch kein Modell zum Aufteilen</translation>
    </message>
    <message>
        <source>cut %1 is not valid: 0 to %2 (the cloud keeps at least the last layer)</source>
        <translation>Schnitt %1 ist ungültig: erlaubt sind 0 bis %2 (die Cloud behält mindestens die letzte Schicht)</translation>
    </message>
    <message>
        <source>cut %1 does not fit the memory of %2</source>
        <translation>Schnitt %1 passt nicht in den Speicher von %2</translation>
    </message>
    <message>
        <source>every device</source>
        <translation>jedem Gerät</translation>
    </message>
    <message>
        <source>a manual split needs a cut: drag the split line</source>
        <translation>eine manuelle Aufteilung braucht einen Schnitt: Ziehen Sie die Schnittlinie</translation>
    </message>
</context>
<context>
    <name>cleave::studio::StartPage</name>
    <message>
        <source>&lt;h1&gt;Cleave&lt;/h1&gt;&lt;p&gt;Split a neural network between edge devices and the cloud, train it on a fleet, and watch every round.&lt;/p&gt;</source>
        <translation>&lt;h1&gt;Cleave&lt;/h1&gt;&lt;p&gt;Teilen Sie ein neuronales Netz zwischen Edge-Geräten und der Cloud auf, trainieren Sie es auf einer Flotte und verfolgen Sie jede Runde.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Start a local fleet</source>
        <translation>Lokale Flotte starten</translation>
    </message>
    <message>
        <source>Runs a cloud and edge agents on this computer, each with its own emulated link and CPU speed.</source>
        <translation>Führt eine Cloud und Edge-Agenten auf diesem Computer aus, jeden mit eigener emulierter Verbindung und CPU-Geschwindigkeit.</translation>
    </message>
    <message>
        <source>Traffic camera (Fashion-MNIST frames)</source>
        <translation>Verkehrskamera (Fashion-MNIST-Bilder)</translation>
    </message>
    <message>
        <source>Smart factory (vibration sensors)</source>
        <translation>Smart Factory (Vibrationssensoren)</translation>
    </message>
    <message>
        <source>Edge agents:</source>
        <translation>Edge-Agenten:</translation>
    </message>
    <message>
        <source>Scenario:</source>
        <translation>Szenario:</translation>
    </message>
    <message>
        <source>Start local fleet</source>
        <translation>Lokale Flotte starten</translation>
    </message>
    <message>
        <source>Connect to a cloud</source>
        <translation>Mit einer Cloud verbinden</translation>
    </message>
    <message>
        <source>Attach to a running cleave-cloud. Its operator must have approved this studio&apos;s key.</source>
        <translation>Mit einer laufenden cleave-cloud verbinden. Ihr Operator muss den Schlüssel dieses Studios freigegeben haben.</translation>
    </message>
    <message>
        <source>default: control port + 1</source>
        <translation>Standard: Steuerport + 1</translation>
    </message>
    <message>
        <source>folder with operator.key / operator.key_secret</source>
        <translation>Ordner mit operator.key / operator.key_secret</translation>
    </message>
    <message>
        <source>default: KEYS/cloud.key</source>
        <translation>Standard: KEYS/cloud.key</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Operator key folder</source>
        <translation>Ordner des Operator-Schlüssels</translation>
    </message>
    <message>
        <source>Control endpoint:</source>
        <translation>Steuer-Endpunkt:</translation>
    </message>
    <message>
        <source>Events endpoint:</source>
        <translation>Ereignis-Endpunkt:</translation>
    </message>
    <message>
        <source>Keys:</source>
        <translation>Schlüssel:</translation>
    </message>
    <message>
        <source>Cloud key:</source>
        <translation>Cloud-Schlüssel:</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <source>Enter the cloud&apos;s control endpoint and the folder with this studio&apos;s operator key.</source>
        <translation>Geben Sie den Steuer-Endpunkt der Cloud und den Ordner mit dem Operator-Schlüssel dieses Studios ein.</translation>
    </message>
    <message>
        <source>Open a recorded session</source>
        <translation>Aufgezeichnete Sitzung öffnen</translation>
    </message>
    <message>
        <source>Replay a .cleave session file: every view works as it did live.</source>
        <translation>Eine .cleave-Sitzungsdatei wiedergeben: Jede Ansicht funktioniert wie im Live-Betrieb.</translation>
    </message>
    <message>
        <source>Recent sessions; double-click to open</source>
        <translation>Zuletzt geöffnete Sitzungen; Doppelklick zum Öffnen</translation>
    </message>
    <message>
        <source>Open session…</source>
        <translation>Sitzung öffnen…</translation>
    </message>
    <message>
        <source>Cleave sessions (*.cleave);;All files (*)</source>
        <translation>Cleave-Sitzungen (*.cleave);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Recent:</source>
        <translation>Zuletzt:</translation>
    </message>
</context>
<context>
    <name>cleave::studio::TimeSeriesPlot</name>
    <message numerus="yes">
        <source>%n other series (min–max)</source>
        <translation>
            <numerusform>%n weitere Reihe (Min–Max)</numerusform>
            <numerusform>%n weitere Reihen (Min–Max)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cleave::studio::TopologyView</name>
    <message>
        <source>cloud</source>
        <translation>Cloud</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>offline</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>≤ %1 ms</source>
        <translation>≤ %1 ms</translation>
    </message>
    <message>
        <source>fast</source>
        <translation>schnell</translation>
    </message>
    <message>
        <source>≥ %1 ms</source>
        <translation>≥ %1 ms</translation>
    </message>
    <message>
        <source>slow</source>
        <translation>langsam</translation>
    </message>
    <message>
        <source>no data yet</source>
        <translation>noch keine Daten</translation>
    </message>
    <message>
        <source>devices: %1 · online: %2</source>
        <translation>Geräte: %1 · online: %2</translation>
    </message>
    <message>
        <source>no delay measured yet</source>
        <translation>noch keine Verzögerung gemessen</translation>
    </message>
</context>
<context>
    <name>cleave::studio::ViewBinder</name>
    <message>
        <source>Applied: %1, cut %2</source>
        <translation>Angewendet: %1, Schnitt %2</translation>
    </message>
    <message>
        <source>Applied: %1</source>
        <translation>Angewendet: %1</translation>
    </message>
    <message>
        <source>fleet (test set)</source>
        <translation>Flotte (Testdaten)</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>true class %1</source>
        <translation>wahre Klasse %1</translation>
    </message>
    <message>
        <source>label unknown</source>
        <translation>Label unbekannt</translation>
    </message>
    <message numerus="yes">
        <source>%n device(s) online</source>
        <translation>
            <numerusform>%n Gerät online</numerusform>
            <numerusform>%n Geräte online</numerusform>
        </translation>
    </message>
    <message>
        <source> · round %1</source>
        <translation> · Runde %1</translation>
    </message>
    <message>
        <source> of %1</source>
        <translation> von %1</translation>
    </message>
    <message>
        <source> · accuracy %1%</source>
        <translation> · Genauigkeit %1 %</translation>
    </message>
    <message>
        <source> · paused</source>
        <translation> · pausiert</translation>
    </message>
    <message>
        <source> · session ended</source>
        <translation> · Sitzung beendet</translation>
    </message>
</context>
</TS>
