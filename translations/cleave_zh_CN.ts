<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CloudLink</name>
    <message>
        <source>SYNC is sent by the link itself</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CloudLinkWorker</name>
    <message>
        <source>the connection to the cloud was lost before it answered (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>could not send the command: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no reply from the cloud at %1 for %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not connected to the cloud at %1: the command was not sent</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CostGraph</name>
    <message>
        <source>layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>per layer (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step time (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bytes per step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cut (drag the line: layers left of it run on the edge)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>layer on the edge (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>layer on the cloud (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bytes per step at the cut</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>predicted step time at the cut (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cut not feasible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fastest cut</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>edge %1 ms · up %2 · cloud %3 · down %4 = %5 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cut %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No cost data for this device yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No split selected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all layers on the cloud</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all layers on the edge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>layers 1–%1 on the edge, %2–%3 on the cloud</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cut %1 (%2): %3 · %4 over the link per step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fastest: cut %1 · %2 ms</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FleetModel</name>
    <message>
        <source>key %1 from %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>effective rate of the last round: bytes over the measured up/down time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pending approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1/%2 Mbit/s, %3 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1/%2 Mbit/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU cores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Link (emulated)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measured up/down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cut</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last delay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exit rate</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FleetView</name>
    <message>
        <source>Waiting for approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown keys that knocked. Compare the fingerprint with the one the agent printed before approving.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Link and CPU emulation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — fingerprint %2 from %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FramePreview</name>
    <message>
        <source>No frame yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>class %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>class %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no prediction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cloud · %1 · %2 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exit %1 · %2 · %3 ms</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InferenceView</name>
    <message>
        <source>Early-exit inference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A device answers locally when the exit&apos;s normalised entropy is at or below this threshold; higher = more local answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run inference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exit threshold:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No frame yet: put a camera device into inference.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live frame</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Early-exit rate per device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>time (s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>answered on the edge (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency per device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mean latency (ms)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LayerModel</name>
    <message>
        <source>Layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output shape</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FLOPs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Activation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edge ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cloud ms</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LinkEditor</name>
    <message>
        <source>All devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Mbit/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> ×</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many times slower than this CPU the device computes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uplink:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downlink:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jitter:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU slowdown:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LocalFleet</name>
    <message>
        <source>cleave-cloud could not be started (%1): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>crashed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exited with code %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the local cleave-cloud %1%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a local fleet is already running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a local fleet has 1 to 64 devices, not %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown use case &apos;%1&apos;: expected camera or factory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cleave-cloud was not found (looked for %1); build it or set CLEAVE_CLOUD_BINARY</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot create the fleet&apos;s data directory %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot prepare the fleet&apos;s keys in %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cleave-cloud printed an endpoints line without control/events: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LogModel</name>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LogPanel</name>
    <message>
        <source>Filter the log (device, level or text)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>approve %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reject %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>set the split</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>set the link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>start rounds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pause rounds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stop rounds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>set inference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cleave Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Fleet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rounds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Inference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open session…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a recorded session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cleave sessions (*.cleave);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export plots…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export plots to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Cleave</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Cleave</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;Cleave %1&lt;/h3&gt;&lt;p&gt;Edge-cloud split training and early-exit inference of neural networks.&lt;/p&gt;&lt;p&gt;Drag the split on the Model page, run rounds on the Rounds page, replay any recorded session.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local fleet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>local fleet · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>starting a local fleet…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to a cloud</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cloud %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>replay · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A recording cannot take commands</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This session is not recorded to a file on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrote metrics.csv, events.csv and rounds.csv (%1 metric rows) to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrote %1 plots as PNG and SVG to %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelView</name>
    <message>
        <source>Drag the red line (or use ← →) to move the split; release to apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply this cut to all devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fastest per device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Let the cloud pick each device&apos;s fastest cut every round</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Let the cloud pick cuts so that all devices finish together</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Costs for:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All devices (slowest)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Key folder %1 does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No operator key in %1: create one with &apos;cleave keygen --out %1 --name studio&apos; and have the cloud&apos;s operator approve it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 holds several secret keys (%2); keep only this studio&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot derive the events endpoint from &apos;%1&apos;; enter it</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RoundControls</name>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start or continue rounds with these settings (Ctrl+R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finish the current round, then wait (Ctrl+P)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the current round and end the session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>automatic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fp32 (exact)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fp16 (half the bytes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>int8 (a quarter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rounds:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Steps per round:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning rate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FedAvg every:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deadline:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Split codec:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RoundGantt</name>
    <message>
        <source>time in the round (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>edge compute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>uplink</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cloud compute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>downlink</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>straggler</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No round yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Round %1 · %n device(s) · slowest %2 ms</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · %n straggler(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RoundsView</name>
    <message>
        <source>Rounds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no round yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Round:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delay per device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>round time (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jitter per device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>jitter (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accuracy per exit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>accuracy (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Early-exit rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>samples exited early (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bytes per round</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stragglers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>session time (s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SessionState</name>
    <message>
        <source>straggler in round %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SessionView</name>
    <message>
        <source>No session file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play or pause the recording (Space)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1×</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speed:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metrics as CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plots as PNG and SVG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export metrics as CSV to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export plots to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session file: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System palette</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new language applies fully after restarting the studio.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Palette:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <source>&lt;h1&gt;Cleave&lt;/h1&gt;&lt;p&gt;Split a neural network between edge devices and the cloud, train it on a fleet, and watch every round.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a local fleet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs a cloud and edge agents on this computer, each with its own emulated link and CPU speed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Traffic camera (Fashion-MNIST frames)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Smart factory (vibration sensors)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edge agents:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scenario:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start local fleet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to a cloud</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach to a running cleave-cloud. Its operator must have approved this studio&apos;s key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default: control port + 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>folder with operator.key / operator.key_secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default: KEYS/cloud.key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator key folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Control endpoint:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events endpoint:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cloud key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the cloud&apos;s control endpoint and the folder with this studio&apos;s operator key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a recorded session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replay a .cleave session file: every view works as it did live.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent sessions; double-click to open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open session…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cleave sessions (*.cleave);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StudioOptions</name>
    <message>
        <source>Cleave studio: plan, run and replay edge-cloud split training.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TimeSeriesPlot</name>
    <message numerus="yes">
        <source>%n other series</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TopologyView</name>
    <message>
        <source>cloud</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>≤ %1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fast</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>≥ %1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>slow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no data yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n device(s), %1 online</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>no delay measured yet</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ViewBinder</name>
    <message>
        <source>fleet (test set)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>true class %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>label unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n device(s) online</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source> · round %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · accuracy %1%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · session ended</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
