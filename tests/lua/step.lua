-- SPDX-License-Identifier: GPL-2.0-only
-- Time, stepping, tracing and tasks from Lua: run()/tick()/jiffies()/now(),
-- step()/where()/set_priority(), trace(), task() and workloads.
-- 256 MiB of DMA32, min_free_kbytes 4096: min 1024, low 1280, high 1536
-- (mm/page_alloc.c: __setup_per_zone_wmarks()).

local T = require "lib.testlib"
local expect, checkerror = T.expect, T.checkerror

reset{thp = false, slab = false, nodes = {{zones = {DMA32 = "256M"}}}, swap = "64M",
      sysctl = {min_free_kbytes = 4096}}

-- the clock: HZ = 250, a jiffy is 4 ms
expect(jiffies(), 0, "jiffies at boot")
expect(run(25), 25, "run returns jiffies")
expect(now(), 0.1, "25 jiffies are 100 ms")
tick()
expect(jiffies(), 26, "tick")
checkerror("ticks must be >= 0", run, -1)

-- the block device: 256 pages a jiffy (256 MiB/s), 100 us by default
local d = disk()
expect(d.bandwidth, 256, "disk bandwidth")
expect(d.latency, 100, "disk latency")
d = disk{bandwidth = 16, latency = 5000}
expect(d.bandwidth, 16, "slow disk")
expect(d.latency, 5000, "slow disk latency")
checkerror("bandwidth must be 1..", disk, {bandwidth = 0})
disk{bandwidth = 256, latency = 100}

-- nothing is parked
expect(where(), nil, "where() with nobody parked")
checkerror("no reclaimer is parked", set_priority, 3)
checkerror("priority must be 0..12", set_priority, 13)
checkerror("unknown granularity 'word'", step, "word")

-- tasks
local init = current_task()
expect(init.name, "init", "the default task")
expect(init.pid, 1, "init is pid 1")
local names = {}
for _, t in ipairs(tasks()) do names[#names + 1] = t.name end
-- and a kworker per CPU for the system workqueue (kernel/workqueue.c;
-- vmpressure's work runs there): two CPUs by default
expect(table.concat(names, " "), "init kswapd0 flusher kworker/0:1 kworker/1:1",
       "boot tasks")
checkerror("oom_score_adj must be %-1000..1000", task, "x",
           {oom_score_adj = 2000})
checkerror("name must be 1..15 characters", task, "a-very-long-name-indeed")
local db = task("db", {oom_score_adj = -500})
expect(db.oom_score_adj, -500, "oom_score_adj")
local r = db:alloc(1000, {kind = "file"})
expect(r.task, db.id, "t:alloc() belongs to the task")
expect(db.rss, 0, "page cache read() is not rss")
local m = db:alloc(100, {kind = "file", mapped = true})
expect(db.rss, 100, "mmapped page cache is rss")
free(m)
local r2 = alloc(10)
expect(r2.task, init.id, "alloc() belongs to init")

-- touch(), dirty() and mlock() of a region
touch(r)
dirty(r)
expect(vmstat().nr_dirty, 1000, "dirty() dirties page cache")
mlock(r2)
expect(node(0).lru.unevictable, 10, "mlock() moves to unevictable")
free(r2)
checkerror("is freed", touch, r2)

-- a workload on its own stack, stepped into
local w = task("hog")
w:start{kind = "anon", size = "512M", rate = "2M"}
checkerror("runs a workload", w.alloc, w, 10)
local saw = {}
for _ = 1, 400 do
  local at = step("node")
  if not at then break end
  saw[at.task] = true
  -- "node" stops at shrink_node()'s point or a coarser one
  assert(at.granularity == "node" and at.fn == "shrink_node" or
         at.granularity == "priority" or at.granularity == "balance",
         at.granularity .. " " .. at.fn)
  expect(type(at.line), "number", "where().line")
  expect(at.file, "vmscan.c", "where().file")
  -- the embedded source: the line is the statement after the STEP_POINT()
  -- it stopped at, never the macro itself
  assert(not at.text:find("STEP_", 1, true), at.text)
  assert(source("vmscan.c", at.line - 1):find("STEP_POINT", 1, true) or
         source("vmscan.c", at.line - 2):find("STEP_", 1, true), at.line)
  -- and it prints as one line, as gdb reports a stop
  assert(tostring(at):find("^" .. at.task .. " in " .. at.fn ..
                           "%(%) at vmscan%.c:" .. at.line), tostring(at))
  expect(source("vmscan.c", at.line):match("^%s*(.*)$"), at.text,
         "source(file, line), indented")
  if at.task == "hog" then
    expect(at.kswapd, false, "direct reclaim is not kswapd")
    expect(at.gfp_mask, "GFP_HIGHUSER_MOVABLE|__GFP_COMP|__GFP_ZERO",
           "direct reclaim's gfp: alloc_anon_folio()'s")
    break
  end
end
assert(saw.hog, "stepped into the workload's direct reclaim")
checkerror("no engine source 'nosuch.c'", source, "nosuch.c")
checkerror("has no such line", source, "vmscan.c", 1e6)
assert(source("vmscan.c"):find("balance_pgdat", 1, true), "source(file)")
set_priority(0)
expect(where().priority, 0, "set_priority() on the parked pass")
w:stop()
run(10)
expect(w.state ~= "dead" or vmstat().oom_kill > 0, true, "stopped")

-- the same seed gives the same trace
local function traced ()
  reset{thp = false, slab = false, nodes = {{zones = {DMA32 = "256M"}}}, swap = "64M",
        sysctl = {min_free_kbytes = 4096}, seed = 7}
  local path = os.tmpname()
  trace(path)
  local wl = require "workloads"
  wl.cyclic_working_set{size = "300M", rate = "4M", kind = "anon"}
  run(150)
  trace(false)
  return T.take_file(path)
end
local a, b = traced(), traced()
assert(#a > 1000, "the workload made reclaim trace lines")
expect(a == b, true, "same seed, same trace")
assert(a:find("mm_vmscan_direct_reclaim_begin", 1, true))

-- nothing to step: kswapd asleep without a timeout and no workload, so
-- step() says so and the clock stays (sim_step()'s -ENOENT)
reset{thp = false, slab = false, nodes = {{zones = {DMA32 = "256M"}}}}
run(100)
expect(node(0).kswapd.state, "sleeping", "kswapd asleep after its nap")
local t0 = jiffies()
local none, why = step()
expect(none, nil, "step() with nothing to step")
assert(why:find("^nothing to step: kswapd sleeps"), why)
expect(jiffies(), t0, "a step with nothing to step keeps the clock")
local none2, why2 = cont()
expect(none2, nil, "cont() with nobody parked")
assert(why2:find("^nothing to continue"), why2)
-- cont(): a parked kswapd runs on to the end of its jiffy, unparked
local z = node(0).zones.DMA32
alloc(z.free - z.low + 100, {kind = "file"})
assert(step("priority"), "kswapd parks at its priority loop")
local msg = cont()
assert(msg:find("^continuing: kswapd0 left balance_pgdat%(%)"), msg)
expect(where(), nil, "nobody parked after cont()")
check()
