-- SPDX-License-Identifier: GPL-2.0-only
-- Workload generators for demonstrations: each makes a task and starts a
-- workload on it (t:start{...}, run by the core on the task's own stack,
-- so its faults, direct reclaim and throttling can be single-stepped).
-- Sizes are pages or strings like "64M"; `every` is in jiffies (HZ=250).
--
--   local wl = require "workloads"
--   local t = wl.streaming_reader{size = "16G", rate = "4M"}
--   run(250)
--
-- Each returns the task and the id of the region it maps.

local M = {}

local function start (name, opts, w)
  local t = task(opts.name or name, {oom_score_adj = opts.oom_score_adj,
                                     node = opts.node})
  local region = t:start(w)
  return t, region
end

-- An allocator that grows steadily and keeps what it has: anon memory,
-- `rate` pages every `every` jiffies, up to `size`.
function M.steady_allocator (opts)
  opts = opts or {}
  return start("alloc", opts, {kind = "anon", size = opts.size or "1G",
                               rate = opts.rate or "1M",
                               every = opts.every or 1})
end

-- A reader streaming through a file larger than memory, once and again:
-- use-once page cache that reclaim should drop without touching the rest.
function M.streaming_reader (opts)
  opts = opts or {}
  return start("reader", opts, {kind = "file", size = opts.size or "16G",
                                rate = opts.rate or "4M",
                                every = opts.every or 1, cycle = true,
                                mapped = opts.mapped or false})
end

-- A leak: anon memory that grows slowly and is never freed, until the
-- OOM killer picks the task (with no swap, or when swap is full).
function M.anon_leaker (opts)
  opts = opts or {}
  return start("leaker", opts, {kind = "anon", size = opts.size or "64G",
                                rate = opts.rate or "256K",
                                every = opts.every or 1})
end

-- A working set touched in a loop: file (default) or anon, smaller or
-- larger than memory. Larger than memory it thrashes, and refaults show
-- in workingset_refault_* / workingset_activate_*.
function M.cyclic_working_set (opts)
  opts = opts or {}
  return start("cyclic", opts, {kind = opts.kind or "file",
                                size = opts.size or "512M",
                                rate = opts.rate or "2M",
                                every = opts.every or 1, cycle = true,
                                dirty = opts.dirty or false,
                                mapped = opts.mapped or false})
end

-- Bursts: fill `size` as fast as it can, hold it `hold` jiffies, free it,
-- wait `every` jiffies, start again.
function M.burst (opts)
  opts = opts or {}
  local size = opts.size or "256M"
  return start("burst", opts, {kind = opts.kind or "anon", size = size,
                               rate = opts.rate or size,
                               every = opts.every or 25,
                               hold = opts.hold or 50})
end

return M
