-- SPDX-License-Identifier: GPL-2.0-only
-- A lecture in one script: the OOM killer. With no swap and no page
-- cache left to reclaim, the allocator gives up on reclaim and
-- out_of_memory() kills the task with the highest oom_badness(); a
-- victim gives its memory back as it exits.
--
--   kswapsim lua/demos/oom.lua          in the UI, paced by pause()
--   kswapsim --batch lua/demos/oom.lua  the same text; a claim that
--                                       stops being true fails

local fmt = string.format

reset{seed = 1, thp = false, nodes = {{zones = {DMA32 = "256M"}}},
      sysctl = {min_free_kbytes = 4096}}
local z = node(0).zones.DMA32
local totalpages = z.managed

chapter("Two tasks, no swap")
local big = task("big")
local small = task("small", {oom_score_adj = 1000})
big:alloc(30000)
small:alloc(10000)
say(fmt("256 MiB, no swap: totalpages %d. 'big' holds %d pages of", totalpages,
        big.rss))
say(fmt("anonymous memory; 'small' holds %d but has oom_score_adj 1000.",
        small.rss))
say(fmt("Free: %d pages; min %d.", z.free, z.min))
pause(2)

chapter("oom_badness()")
say("mm/oom_kill.c: oom_badness() counts the task's rss, swap entries")
say("and page tables, then adds oom_score_adj * totalpages / 1000:")
local unit = totalpages // 1000
local b_big = big.rss
local b_small = small.rss + 1000 * unit
say(fmt("  big:   %d + 0 * %d            = %d", big.rss, unit, b_big))
say(fmt("  small: %d + 1000 * %d     = %d", small.rss, unit, b_small))
-- mm/oom_kill.c: oom_badness(): points = rss + swapents + page tables,
-- adj = oom_score_adj * totalpages / 1000, points + adj
expect(totalpages, 256 * 256, "totalpages: 256 MiB of RAM, no swap")
expect(b_small > b_big, true, "small's badness is the higher")
say("oom_score_adj 1000 means 'kill me first'; -1000 would exempt a task.")
pause(3)

chapter("Out of memory")
say("init now asks for 25000 more pages. Reclaim finds nothing it can")
say("free (no file pages, no swap), should_reclaim_retry() gives up, and")
say("__alloc_pages_may_oom() calls out_of_memory():")
pause()
local before = vmstat().oom_kill
alloc(25000)
expect(vmstat().oom_kill - before, 1, "one oom_kill")
expect(small.state, "dead", "the task with the higher badness died")
expect(big.rss, 30000, "big keeps its memory")
local killed = false
for line in dmesg():gmatch("[^\n]+") do
  killed = killed or line:find("Killed process %d+ %(small%)") ~= nil
  if line:find("invoked oom-killer", 1, true) or
     line:find("Out of memory:", 1, true) then
    say("  " .. line)
  end
end
expect(killed, true, "dmesg names small as the victim")
say(fmt("oom_kill %d: 'small' died although 'big' is three times its",
        vmstat().oom_kill))
say("size; its memory came back and the allocation succeeded.")
pause()

chapter("The victim exits")
reset{seed = 1, thp = false, nodes = {{zones = {DMA32 = "256M"}}},
      swap = "32M", cpu_speed = 0.1, sysctl = {min_free_kbytes = 4096}}
z = node(0).zones.DMA32
say("Now a leaker runs on its own stack, with 32 MiB of swap, on a slow")
say("CPU. When swap and memory are full, its own allocation kills it:")
local leaker = require("workloads").anon_leaker{rate = "8M"}
while vmstat().oom_kill == 0 and jiffies() < 2500 do run(1) end
expect(vmstat().oom_kill, 1, "the leaker was killed")
local rss, pswpout = leaker.rss, vmstat().pswpout
local j0, falls = jiffies(), 0
say(fmt("jiffy %d: killed with %d pages resident; free %d.", j0, rss,
        z.free))
say("The kill frees nothing by itself: the victim returns to user space,")
say("meets its SIGKILL, and exit_mmap() takes its page tables down one")
say("at a time, on its own CPU. Reclaim that meets the dying task's pages")
say("meanwhile keeps them (folio_referenced(): -1) rather than write to")
say(fmt("swap what the exit is about to free; kswapd0 is %s.",
        node(0).kswapd.state))
pause()
while leaker.state ~= "dead" and jiffies() < j0 + 250 do
  run(1)
  if leaker.rss < rss then falls = falls + 1 end
  if leaker.rss < rss and falls % 4 == 1 then
    say(fmt("  jiffy %d: rss %6d, free %6d", jiffies(), leaker.rss, z.free))
  end
  rss = leaker.rss
end
expect(leaker.state, "dead", "the leaker has exited")
expect(falls >= 3, true, "its memory came back over several jiffies")
expect(vmstat().pswpout, pswpout, "nothing written to swap after the kill")
say(fmt("Exited after %d jiffies (%d ms); free is now %d.", jiffies() - j0,
        (jiffies() - j0) * 4, z.free))
pause()

chapter("What 6.12 does differently from the seeds")
say("Older kernels scored 0..1000 with oom_score_adj scaled to points and")
say("gave root tasks a 3% discount; 6.12 has neither: the score is pages.")
say("The OOM reaper (4.6) frees a victim's anonymous memory if the victim")
say("has not exited 2 s after the kill (OOM_REAPER_DELAY, since 5.18);")
say("this one exits well before.")
