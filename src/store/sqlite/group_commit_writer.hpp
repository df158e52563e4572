#pragma once
// The writer thread of the store: owns the read-write connection and commits
// queued jobs in batches (see store.hpp for the contract).
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <mutex>
#include <thread>

#include "connection.hpp"
#include "tracker/domain/result.hpp"
#include "tracker/store/store.hpp"

namespace tracker::store::sqlite {

class GroupCommitWriter {
 public:
  struct Job {
    std::function<bool(Tx&)> run;
    std::function<void(const domain::Error*)> complete;
  };

  GroupCommitWriter(const std::string& path, WriteStats& stats);
  ~GroupCommitWriter();

  void submit(Job job);
  // Finishes what is queued, then joins the thread. Later submits fail.
  void stop();

 private:
  static constexpr std::size_t kMaxBatch = 1024;
  void loop();
  void run_batch(std::deque<Job>& batch);

  std::string path_;
  std::unique_ptr<Connection> conn_;
  WriteStats& stats_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Job> queue_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace tracker::store::sqlite
