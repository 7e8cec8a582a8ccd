// `.radeau` recording files: a run's configuration, inputs and every branch's
// journal, in CBOR (QCborStreamWriter / QCborStreamReader).
//
// Layout (format 1): the CBOR self-describe tag (55799) on one map, whose
// first two keys are fixed so that any reader can tell what it holds:
//   "magic": "radeau-recording", "format": 1,
// then "app" (radeau::version() of the writer), "config" (names, concepts bits,
// seed, timing, network, init), "inputs" (the scenario's actions), "until",
// and "branches": one map per branch, parents first: "name", "parent" (-1 for
// the root), "forkSeq", "forkTime", "end", "actions" (its own), and what it
// adds after the fork: "writes" (client write texts), "carriedCount" +
// "carried" (entries carried by logRequests, varint pairs) and "eventCount" +
// "events".
//
// Events are one byte string per branch, each event packed as: kind byte, a
// LEB128 field mask, then only the fields that differ from their default:
// node/peer/sub/flags as bytes, time as a zigzag varint delta from the
// previous event, ref as the distance back from the event's own seq, the
// carried offset only when it is not the next one, other fields as varints.
// A typical event takes 6 to 14 bytes.
//
// Format 2 (issue 19; written since, format 1 still read): the same map, but
// "events" packs each event against what the events before predict (see
// Model in recording_file.cpp: the delivery or timer due first, its node, peer
// and time, the node's term, the next log index, the last similar event's
// fields), a header byte of kind and "same field mask as last time", and
// "carried" holds pieces: payloads written out, or back-references to an
// identical earlier payload of the branch (shared in memory, not copied).
// About 7 bytes per event on a long soak (33 in format 1).
//
// Reading finds where each top-level value lies (replay/cbor_index.h) and
// reads each with a stream of its own, large inputs on a second thread; a map
// that walk refuses is read item by item. Either way it checks every declared
// length against the bytes left before allocating, validates every reference (nodes, branches, earlier events,
// writes, carried entries, log indices) so a damaged file cannot crash the
// fold, and skips keys it does not know. Errors name the byte offset, and for
// events the branch and event index.
#pragma once

#include <QByteArray>
#include <QString>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/action.h"
#include "core/config.h"
#include "core/journal.h"
#include "replay/run.h"

namespace radeau {

inline constexpr int kRecordingFormat = 2;
inline constexpr const char* kRecordingMagic = "radeau-recording";

// Everything a recording holds; journals are complete (prefix included).
struct Recording {
  std::string app_version;
  int format = kRecordingFormat;
  ClusterConfig config;
  std::vector<Action> inputs;
  Time until_us = 0;
  std::vector<Branch> branches;
  std::vector<Journal> journals;  // one per branch
};

// Options for tests that need unusual files.
struct RecordingWriteOptions {
  int format = kRecordingFormat;
  std::vector<std::pair<QString, QString>> extra_keys;  // unknown top-level keys, written after "app"
};

Recording recordingOf(const Run& run);
QByteArray encodeRecording(const Recording& rec, const RecordingWriteOptions& options = {});
QByteArray encodeRecording(const Run& run);  // the same bytes as encodeRecording(recordingOf(run)), without the copy
// Decodes; on failure returns nullopt and sets `error` ("byte 123: ...").
std::optional<Recording> decodeRecording(const QByteArray& data, std::string& error);
// The same, reading the top-level map item by item instead of value by value
// from its index (replay/cbor_index.h): the answer, error included, must not
// differ (the recording fuzz target compares the two).
std::optional<Recording> decodeRecordingInOrder(const QByteArray& data, std::string& error);

// Atomic (QSaveFile), encoded straight into the file. Errors name the file.
bool saveRecording(const Run& run, const QString& path, std::string& error, qint64* bytes_written = nullptr);
// Simulates a scenario and saves it as saveRecording would, byte for byte,
// packing the events on a second thread while the simulation goes on (issue
// 19: record in about the time of run). Returns the run, or nullptr with
// `error` when the file cannot be written. The packing thread takes the
// journal's new events every `pack_every` events.
std::unique_ptr<Run> recordScenario(const ClusterConfig& config, const std::vector<Action>& inputs, Time until_us,
                                    const QString& path, std::string& error, qint64* bytes_written = nullptr,
                                    size_t pack_every = 16384);
std::optional<Recording> loadRecordingFile(const QString& path, std::string& error);
// A run over the stored journals: nothing is re-simulated.
std::unique_ptr<Run> runFromRecording(Recording rec);
// The first branch's checkpoints are built meanwhile on a second thread,
// from its events decoded so far, every `checkpoint_every` events.
std::unique_ptr<Run> loadRun(const QString& path, std::string& error, size_t checkpoint_every = 262144);

}  // namespace radeau
