// The bounded pool of threads behind Pipeline::run_async and send_async.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace dynamic::detail {

/// Up to `max_threads` threads, started when work arrives and none is idle. The destructor drops
/// work not yet started, lets running work finish and joins the threads; when it runs on one of
/// the pool's own threads (its work held the last reference to the owner) that thread is
/// detached instead and exits once its work returns.
class WorkerPool {
 public:
  explicit WorkerPool(int max_threads);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  /// Queues `work`. Exceptions it throws are swallowed (packaged tasks keep theirs).
  void post(std::function<void()> work);
  void shutdown() noexcept;

 private:
  struct Shared;
  static void run(const std::shared_ptr<Shared>& shared);

  const std::size_t max_threads_;
  std::shared_ptr<Shared> shared_;
  std::mutex threads_mutex_;
  std::vector<std::thread> threads_;
};

}  // namespace dynamic::detail
