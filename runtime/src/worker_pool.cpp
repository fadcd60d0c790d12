#include "worker_pool.hpp"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <utility>

namespace dynamic::detail {

struct WorkerPool::Shared {
  std::mutex mutex;
  std::condition_variable wake;
  std::deque<std::function<void()>> queue;
  std::size_t idle = 0;
  bool stopping = false;
};

WorkerPool::WorkerPool(int max_threads)
    : max_threads_(static_cast<std::size_t>(std::max(1, max_threads))),
      shared_(std::make_shared<Shared>()) {}

WorkerPool::~WorkerPool() { shutdown(); }

void WorkerPool::post(std::function<void()> work) {
  {
    std::lock_guard<std::mutex> lock(shared_->mutex);
    if (shared_->stopping) return;  // Dropped: a packaged task's future reports broken_promise.
    shared_->queue.push_back(std::move(work));
    std::lock_guard<std::mutex> threads_lock(threads_mutex_);
    if (shared_->queue.size() > shared_->idle && threads_.size() < max_threads_) {
      try {
        threads_.emplace_back([shared = shared_] { run(shared); });
      } catch (...) {
        // No thread to be had: fail the call only when nothing else would ever run the work.
        if (threads_.empty()) {
          shared_->queue.pop_back();
          throw;
        }
      }
    }
  }
  shared_->wake.notify_one();
}

void WorkerPool::run(const std::shared_ptr<Shared>& shared) {
  std::unique_lock<std::mutex> lock(shared->mutex);
  for (;;) {
    ++shared->idle;
    shared->wake.wait(lock, [&] { return shared->stopping || !shared->queue.empty(); });
    --shared->idle;
    if (shared->stopping) return;
    std::function<void()> work = std::move(shared->queue.front());
    shared->queue.pop_front();
    lock.unlock();
    try {
      work();
    } catch (...) {
      // Generic work has nowhere to report to; packaged tasks never get here.
    }
    // Destroyed unlocked: it may hold the last reference to the pipeline, whose destructor shuts
    // this pool down.
    work = nullptr;
    lock.lock();
  }
}

void WorkerPool::shutdown() noexcept {
  std::deque<std::function<void()>> dropped;
  {
    std::lock_guard<std::mutex> lock(shared_->mutex);
    if (shared_->stopping) return;
    shared_->stopping = true;
    dropped.swap(shared_->queue);
  }
  shared_->wake.notify_all();
  dropped.clear();
  std::vector<std::thread> threads;
  {
    std::lock_guard<std::mutex> lock(threads_mutex_);
    threads.swap(threads_);
  }
  const auto self = std::this_thread::get_id();
  for (std::thread& thread : threads) {
    if (thread.get_id() == self) {
      thread.detach();
    } else if (thread.joinable()) {
      thread.join();
    }
  }
}

}  // namespace dynamic::detail
