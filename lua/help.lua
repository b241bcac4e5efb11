-- SPDX-License-Identifier: GPL-2.0-only
-- help(): the API at the prompt, in design.md's order; help("name") for
-- one function. Only what this build has is listed. Lines stay within
-- 78 columns for an 80-column terminal.

local TOPICS = {
  {"reset", [[
reset{nodes = {{zones = {DMA32 = "4G", Normal = "60G"}}}, swap =, seed =,
      thp =, slab =, cpus =, cpu_speed =, first_touch_ns =, sysctl = {...}}
                                        boot a new machine;
                                        cpu_speed 0.1: every cost x10;
                                        first_touch_ns: a page's first use
                                        costs that much more (an emulator)
                                        slab = false: the page cache's
                                        xarray nodes and buffer heads
                                        take no pages
reset{zoneinfo = "/proc/zoneinfo"}      mirror this machine
reset{zoneinfo = ..., watermarks = "file"}
                                        and keep its watermarks, protection]]},
  {"sysctl", [[
sysctl.min_free_kbytes = 90112          read or assign any vm sysctl; a
                                        write recomputes what the kernel's
                                        handler does]]},
  {"node", [[
n = node(0)                             n.zones.Normal, n.zones[2] (from 0),
                                        n.lru, n.kswapd, n:balanced(o, z)
z.free z.min z.low z.high z.promo       z.protection (from 0), z.nr_free,
z:watermark_ok(order, mark, highest_zoneidx [, alloc_flags])]]},
  {"alloc", [[
r = alloc(size, {order =, node =, zone =, kind = "anon"|"file"|"kernel",
                 gfp =, dirty =, mapped =})   fails as the kernel would]]},
  {"free", "free(r)                                 free a region"},
  {"regions", "regions()                               the live regions"},
  {"touch", "touch(r) dirty(r) mlock(r)              access, dirty, mlock"},
  {"task", [[
t = task("name", {oom_score_adj =, node =})   t:alloc(...), t:start{...}
t:start{kind =, size =, rate =, every =, cycle =, passes =, burst =,
        sparse =, sendfile =}           a workload: rate pages every
                                        `every` jiffies, in bursts of burst;
                                        a file of holes; read by sendfile()
t.state t.runtime t.rss t.swap          and EEVDF's view of it (fair.c):
t.on_rq t.lag t.eligible t.delayed      on the queue, V - vruntime (s),
                                        not ahead of V, kept asleep on it
tasks() current_task()]]},
  {"workloads", [[
workloads.steady_allocator{...}         demonstration workloads as tasks
                                        (see lua/workloads.lua)]]},
  {"wake_kswapd", [[
wake_kswapd(node, order, highest_zoneidx)   wakeup_kswapd()]]},
  {"disk", [[
disk{bandwidth = 256, latency = 100, wbt_lat_usec = 75000, request_us = 0}
                                        the swap and file disk: pages a
                                        jiffy, us; writeback throttling's
                                        target (0: off); the CPU us a
                                        request costs; disk() reads it]]},
  {"run", "run(ticks) tick() jiffies() now()       simulated time, HZ = 250"},
  {"step", [[
step("line"|"page"|"batch"|"lru"|"node"|"priority"|"balance")
where() set_priority(p)                 single-step a reclaimer
step_out() cont()                       to the next coarser stop; go on
source("vmscan.c" [, line])             the engine's own source]]},
  {"trace", [[
trace(true | false | "file")            vmscan tracepoints (in the UI:
                                        the trace pane, t)]]},
  {"zoneinfo", [[
zoneinfo() buddyinfo() pagetypeinfo()   the exact /proc text
vmstat()                                a snapshot: vmstat().pgfree]]},
  {"dmesg", "dmesg()                                 the kernel log"},
  {"check", "check()                                 sim_check(): invariants"},
  {"say", "say(text) pause([secs][,{run=true}])    captions and pacing"},
  {"chapter", "chapter(title)                          names a section of a demo"},
  {"expect", [[
expect(cond, claim)                     a demo's claim: an error naming it
expect(got, want, claim)                when false (--batch exits 1)]]},
}

-- help([name]): the API, or the entry of one function
return function (name)
  local out = {}
  for _, t in ipairs(TOPICS) do
    if _G[t[1]] ~= nil and (name == nil or name == t[1]) then
      out[#out + 1] = t[2]
    end
  end
  if #out == 0 then
    error(string.format("no help for '%s'", tostring(name)), 2)
  end
  print(table.concat(out, "\n"))
end
