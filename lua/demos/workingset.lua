-- SPDX-License-Identifier: GPL-2.0-only
-- A lecture in one script: workingset refaults. Reclaim leaves a shadow
-- entry where an evicted page cache page was; when the page is read
-- again, workingset_refault() compares the refault distance with the
-- workingset and activates the page if it would have stayed resident
-- with that much more memory.
--
--   kswapsim lua/demos/workingset.lua          in the UI, paced by pause()
--   kswapsim --batch lua/demos/workingset.lua  the same text; a claim
--                                              that stops being true fails

local fmt = string.format

local n, z
local function machine ()
  reset{seed = 1, thp = false, nodes = {{zones = {DMA32 = "1G"}}}}
  n = node(0)
  z = n.zones.DMA32
  run(30)
end
local function counters ()
  local v = vmstat()
  return v.workingset_refault_file, v.workingset_activate_file
end

chapter("Evicted, but remembered")
machine()
local hot = alloc("300M", {kind = "file"})
touch(hot)
touch(hot)
say(fmt("1 GiB. A database's index, 300 MiB read twice: active_file %d.",
        n.lru.active_file))
expect(n.lru.active_file, 300 * 256, "read twice: the index is active")
local a = alloc("300M", {kind = "file"})
say("Its table A, 300 MiB read once, goes to the inactive list; then a")
local steal = vmstat().pgsteal_file
local b = alloc("500M", {kind = "file"})
local evicted = vmstat().pgsteal_file - steal
say(fmt("backup streams 500 MiB: reclaim evicts %d pages, the oldest", evicted))
say(fmt("inactive ones, A's. active_file is still %d.", n.lru.active_file))
pause()
expect(evicted > 0, "the backup evicted page cache")
expect(n.lru.active_file, 300 * 256, "the active index survived")
say("Each evicted page leaves a shadow entry in the file's page cache")
say("with the node's nonresident_age at eviction: pages evicted or")
say("activated since boot (workingset_eviction()).")
pause()

chapter("The refault distance")
local rf0, act0 = counters()
touch(a)
local rf1, act1 = counters()
say(fmt("A is read again. workingset_refault_file %d, activate %d.",
        rf1 - rf0, act1 - act0))
expect(rf1 - rf0, 300 * 256, "every page of A refaulted")
expect(act1 - act0, rf1 - rf0, "every refault activated")
say("Reading A from its start, each refault takes a page, and the oldest")
say("inactive pages are A's own next ones: A evicts itself ahead of the")
say("reader, so all of A refaults.")
pause()
say("For each refault, workingset_test_recent() asks:")
say("  refault_distance = nonresident_age now - at eviction")
say("  workingset_size  = active_file (+ anon lists with swap)")
say("  distance <= workingset_size: the page is activated.")
pause()
say("Every distance was within the workingset (the index's 76800")
say(fmt("active pages, and growing): A goes to the active list (active_file"))
say(fmt("%d), and the index pays: pgdeactivate %d.", n.lru.active_file,
        vmstat().pgdeactivate))
pause()

chapter("No workingset to measure against")
machine()
a = alloc("300M", {kind = "file"})
b = alloc("800M", {kind = "file"})
rf0, act0 = counters()
touch(a)
rf1, act1 = counters()
say("The same without the index: A 300 MiB, the backup 800 MiB, then A")
say(fmt("again: refaults %d, activations %d.", rf1 - rf0, act1 - act0))
pause()
expect(rf1 - rf0, 300 * 256, "every page of A refaulted")
expect(act1 - act0, 0, "nothing active: no refault activated")
expect(n.lru.active_file, 0, "A is inactive again")
say("active_file is 0, so no distance is short enough: A comes back")
say("inactive, as use-once cache. A second read activates it as any")
say("page read twice (folio_mark_accessed()):")
touch(a)
expect(n.lru.active_file, 300 * 256, "read twice: active")
say(fmt("  active_file %d", n.lru.active_file))
pause()

chapter("6.12 and the seeds")
say("The seeds' balance_pgdat() ends with snapshot_refaults(), as 6.12")
say("does. Before 5.9 only page cache was tracked, in one counter,")
say("workingset_refault; since then swapped-out anon pages leave shadow")
say("entries too, and 6.12 counts refaults, activations and restores")
say("(the page was active when evicted) of anon and file apart.")
