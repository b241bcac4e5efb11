-- SPDX-License-Identifier: GPL-2.0-only
-- Replays one capture of the real kernel (scripts/oracle; the file in
-- $KSS_ORACLE_CAPTURE, e.g. tests/fixtures/oracle/boot-1g.1.txt) in
-- kswapsim and prints the table: quantity, real, kswapsim, verdict. Any
-- "DIFFERS" ends the run with an error, so ctest fails.
--
-- What is compared, for a boot (the machine as /init found it):
--  * MGLRU off: /init wrote n to /sys/kernel/mm/lru_gen/enabled.
--  * The boot formulas: kswapsim boots the guest's zones with the managed
--    pages they had when the kernel last computed its watermarks
--    (init_per_zone_wmark_min(), then khugepaged's
--    set_recommended_min_free_kbytes(); both before the initrd and the
--    kernel's init sections were freed: the zoneinfo's managed minus
--    those "Freeing ... memory" lines, each in the zone its address is
--    in). min_free_kbytes, every zone's min, low, high, promo and
--    protection must come out exactly as the guest printed them.
--  * The per-cpu lists' batch (zone_batchsize()) must be the guest's,
--    and the guest's high inside the [high_min, high_max] zone_highsize()
--    gives with the same watermarks (where no traffic since the last
--    decay_pcp_high() moved it, high is high_min itself).
--  * Imported as is (reset{zoneinfo = ..., watermarks = "file"}): the
--    same values, and spanned, present, managed, start_pfn.
--  * Every /proc/sys/vm value kswapsim has, as the guest's.
--  * /proc/vmstat: the same names in the same order.
--  * The /proc/zoneinfo, /proc/buddyinfo and /proc/pagetypeinfo formats:
--    the guest's lines and kswapsim's with every number as '#' are the
--    same, line for line, where kswapsim has the line at all.
-- And for a workload (scenario "workload eater MIB PASSES"): kswapsim
-- boots the guest's zoneinfo with its watermarks, runs the same passes at
-- the guest's pass-1 speed, and compares each vmstat counter's growth
-- with the scenario's "band COUNTER PCT" (the real kernel's own spread
-- between runs), or "band COUNTER PCT N" for an event too rare for a
-- percentage alone (a stall in one run of six): within PCT or within N
-- of the kernel's count; "gap COUNTER PCT [N]" marks a known gap:
-- outside the band it shows as GAP, and fails only beyond PCT (and N).
-- "cpu_speed X" boots the replay with reset{cpu_speed = X} ("cpu_speed
-- fit S": the speed at which the replay's passes after the first, S
-- seconds at speed 1, take as long as the guest's); "first_touch_ns N"
-- charges N ns for each page's first use since boot, as QEMU's guest
-- pays for it (reset{first_touch_ns = N}); "burst N" has the workload
-- touch N pages back to back ("burst jiffy": one jiffy of the guest's
-- pace), the bursts spaced to keep the guest's speed, and "burst flat"
-- has it run flat out, as the guest's program does. "request_us U" has
-- each IO request cost its submitter U us of CPU (disk{request_us = U}),
-- as the emulated disk costs the guest's; "bandwidth B" moves B pages a
-- jiffy (disk{bandwidth = B}; 256 by default). cat reads a sparse file,
-- as the guest's is, with sendfile() to /dev/null, as busybox cat does.

local PATH = assert(os.getenv("KSS_ORACLE_CAPTURE"),
                    "KSS_ORACLE_CAPTURE: a capture of scripts/oracle")

-- {====== the capture

local function read (path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("a")
  f:close()
  return s
end

local function parse (text)
  local c = {sections = {}, sysctl = {}, boot = {}, iomem = {}, text = text}
  c.header = text:match("^(# [^\n]*)\n")
  c.name, c.run = text:match("scripts/oracle (%S+), run (%d+)")
  c.kernel = text:match("\n@@ kernel (%S+)")
  c.lru_gen = text:match("\n@@ lru_gen (%S*)")
  c.cpus = tonumber(text:match("\n@@ cpus (%d+)"))
  for phase, file, body in text:gmatch("\n@@ begin (%a+) (%S+)\n(.-)@@ end") do
    c.sections[phase .. " " .. file] = body
  end
  for phase, name, value in text:gmatch("\n@@ sysctl (%a+) (%S+) ([^\n]*)") do
    c.sysctl[phase] = c.sysctl[phase] or {}
    c.sysctl[phase][name] = value
  end
  for line in text:gmatch("\n@@ boot ([^\n]*)") do c.boot[#c.boot + 1] = line end
  for line in text:gmatch("\n@@ iomem ([^\n]*)") do c.iomem[#c.iomem + 1] = line end
  assert(c.header and c.name and c.sections["before /proc/zoneinfo"],
         PATH .. ": not a capture of scripts/oracle")
  return c
end

local ZONES = {"DMA", "DMA32", "Normal", "Movable", "Device"}

-- the zoneinfo's zones: z[nid][name] = {min=, ..., protection = "(...)"}
local function zones_of (text)
  local z, cur = {}, nil
  for line in text:gmatch("[^\n]+") do
    local nid, name = line:match("^Node (%d+), zone +(%w+)$")
    if nid then
      nid = tonumber(nid)
      z[nid] = z[nid] or {}
      cur = {}
      z[nid][name] = cur
    elseif cur then
      local k, v = line:match("^%s+(%a[%w_]*):? +(%d+)$")
      if k and cur[k] == nil then cur[k] = tonumber(v) end
      local p = line:match("^        protection: (%b())$")
      if p then cur.protection = p end
    end
  end
  return z
end

-- the zoneinfo's pagesets: p[nid][name][cpu] = {count=, high=, batch=}
local function pagesets_of (text)
  local p, zone, cpu = {}, nil, nil
  for line in text:gmatch("[^\n]+") do
    local nid, name = line:match("^Node (%d+), zone +(%w+)$")
    if nid then
      nid = tonumber(nid)
      p[nid] = p[nid] or {}
      zone, cpu = {}, nil
      p[nid][name] = zone
    elseif zone then
      local c = line:match("^    cpu: (%d+)$")
      if c then
        cpu = {}
        zone[tonumber(c)] = cpu
      elseif cpu then
        local k, v = line:match("^ +(%a+): +(%d+)$")
        if k == "count" or k == "high" or k == "batch" then
          cpu[k] = tonumber(v)
        end
      end
    end
  end
  return p
end

-- }======

-- {====== the table

local rows, failed = {}, 0

local function row (what, real, sim, ok, note)
  real, sim = tostring(real), tostring(sim)
  if ok == nil then ok = real == sim end
  local verdict = ok and "ok" or "DIFFERS"
  if not ok then failed = failed + 1 end
  if ok and note and note:find("^GAP ") then
    verdict = "gap (" .. note:sub(5) .. ")"
  elseif note then
    verdict = verdict .. " (" .. note .. ")"
  end
  rows[#rows + 1] = {what, real, sim, verdict}
end

local function info (what, real, sim, note)
  rows[#rows + 1] = {what, tostring(real), tostring(sim), note}
end

-- A value longer than LONG (a list of gfp masks) would stretch its
-- column past any terminal: the row shows "below" there, and the values
-- follow on lines of their own.
local LONG = 24

local function print_rows ()
  local w = {0, 0, 0}
  for _, r in ipairs(rows) do
    w[1] = math.max(w[1], #r[1])
    for i = 2, 3 do
      if #r[i] <= LONG then w[i] = math.max(w[i], #r[i]) end
    end
  end
  local function line (a, b, c, d)
    io.write(a, (" "):rep(w[1] - #a + 2), (" "):rep(w[2] - #b), b, "  ",
             (" "):rep(w[3] - #c), c, "  ", d, "\n")
  end
  -- words filled into lines of up to 80 columns: an OOM report reads as
  -- a sentence, a list of masks as one mask to a line
  local function below (label, value)
    local indent = (" "):rep(4 + #label)
    local out = "    " .. label
    for word in value:gmatch("%S+") do
      local started = #out > #indent
      if started and #out + 1 + #word > 80 then
        io.write(out, "\n")
        out, started = indent, false
      end
      out = out .. (started and " " or "") .. word
    end
    io.write(out, "\n")
  end
  line("quantity", "real", "kswapsim", "verdict")
  for _, r in ipairs(rows) do
    local long = #r[2] > LONG or #r[3] > LONG
    if not long then
      line(r[1], r[2], r[3], r[4] or "")
    else
      line(r[1], "below", "below", r[4] or "")
      if r[2] == r[3] then
        below("both:     ", r[2])
      else
        below("real:     ", r[2])
        below("kswapsim: ", r[3])
      end
    end
  end
end

-- }======

local cap = parse(read(PATH))
io.write(cap.header, "\n")
local zi_text = cap.sections["before /proc/zoneinfo"]
local real = zones_of(zi_text)
local ZI = os.tmpname()
do
  local f = assert(io.open(ZI, "wb"))
  f:write(zi_text)
  f:close()
end

row("MGLRU off (lru_gen/enabled)", cap.lru_gen, "0x0000")

-- A band's or a gap's tolerance, "PCT [N]": within PCT percent of the
-- kernel's count, or within N of it.
local function tolerance (k, v)
  local counter, pct, n = v:match("^(%S+)%s+([%d.]+)%s*(%d*)$")
  assert(counter, k .. ": COUNTER PCT [N] expected, got '" .. v .. "'")
  return counter, {pct = tonumber(pct), n = tonumber(n) or 0}
end

local function tolerated (t, d, diff)
  return math.abs(d) <= t.pct or math.abs(diff) <= t.n
end

local function describe (word, t)
  return t.n > 0 and string.format("%s %g%% or %d", word, t.pct, t.n) or
         string.format("%s %g%%", word, t.pct)
end

-- the scenario file: "key value..." lines
local scn = {bands = {}, gaps = {}, sysctls = {}}
for line in read(cap.name .. ".scn"):gmatch("[^\n]+") do
  local k, v = line:match("^([%a_]+)%s+(.-)%s*$")
  if k == "band" then
    local counter, t = tolerance(k, v)
    scn.bands[#scn.bands + 1] = {counter, t}
  elseif k == "sysctl" then
    local name, value = v:match("^(%S+)%s+(.+)$")
    scn.sysctls[#scn.sysctls + 1] = {name, tonumber(value) or value}
  elseif k == "gap" then
    local counter, t = tolerance(k, v)
    scn.gaps[counter] = t
  elseif k and not line:find("^#") then
    scn[k] = v
  end
end


-- {====== the boot formulas, fed the managed pages of their time

-- the zone a physical address is in, from the zoneinfo's spans
local function zone_of (addr)
  local pfn = addr // 4096
  for nid, zs in pairs(real) do
    for name, z in pairs(zs) do
      if z.spanned and z.spanned > 0 and z.start_pfn and pfn >= z.start_pfn and
         pfn < z.start_pfn + z.spanned then
        return nid, name
      end
    end
  end
end

-- pages freed after the watermarks were computed, by zone
local freed, freed_total = {}, 0
local function give (nid, name, pages)
  freed[nid] = freed[nid] or {}
  freed[nid][name] = (freed[nid][name] or 0) + pages
  freed_total = freed_total + pages
end
local kernel_addr
for _, line in ipairs(cap.iomem) do
  local a = line:match("^(%x+)%-%x+ : Kernel code")
  if a then kernel_addr = tonumber(a, 16) end
end
local ramdisk_addr
for _, line in ipairs(cap.boot) do
  local a = line:match("RAMDISK: %[mem 0x(%x+)%-")
  if a then ramdisk_addr = tonumber(a, 16) end
end
for _, line in ipairs(cap.boot) do
  local kb = tonumber(line:match("memory: (%d+)K$"))
  -- SMP alternatives go in start_kernel(), before any initcall
  if kb and not line:find("SMP alternatives", 1, true) then
    local addr = line:find("initrd", 1, true) and ramdisk_addr or kernel_addr
    local nid, name = zone_of(assert(addr, "no address for: " .. line))
    give(nid, name, kb // 4)
  end
end

local function boot_nodes (minus)
  local nodes = {}
  for nid = 0, #real do
    local zones = {}
    for _, name in ipairs(ZONES) do
      local z = real[nid][name]
      if z and z.present and z.present > 0 then
        local m = z.managed - ((minus and freed[nid] and freed[nid][name]) or 0)
        zones[name] = {managed = m, present = z.present, spanned = z.spanned,
                       start_pfn = z.start_pfn}
      end
    end
    nodes[nid + 1] = {zones = zones}
  end
  return nodes
end

local function compare_zones (label, real_z, strict)
  for nid = 0, #real_z do
    for _, name in ipairs(ZONES) do
      local r = real_z[nid][name]
      local ok_zone, s = pcall(function () return node(nid).zones[name] end)
      if r and ok_zone and s then
        local what = string.format("%s node %d %s min low high promo",
                                   label, nid, name)
        local rw = string.format("%d %d %d %d", r.min, r.low, r.high, r.promo)
        local sw = string.format("%d %d %d %d", s.min, s.low, s.high, s.promo)
        if strict then row(what, rw, sw) else
          info(what, rw, sw, rw == sw and "ok" or string.format(
               "%+d %+d %+d %+d", s.min - r.min, s.low - r.low,
               s.high - r.high, s.promo - r.promo))
        end
        local what = string.format("%s node %d %s protection", label, nid,
                                   name)
        if strict then row(what, r.protection, tostring(s.protection))
        else info(what, r.protection, tostring(s.protection),
                  r.protection == tostring(s.protection) and "ok" or "differs")
        end
      end
    end
  end
end

-- The per-cpu lists' sizes (mm/page_alloc.c: zone_batchsize(),
-- zone_highsize()), computed with the watermarks: batch as the guest's,
-- and the guest's high inside the [high_min, high_max] that 6.12 tunes
-- it in. A zone the guest never used prints high 0 (BOOT_PAGESET_HIGH).
-- count: the pages on the lists, shown after the workload (at boot the
-- guest's come from its own allocations, which kswapsim does not make).
local function compare_pcp_sizes (label, text, count_note)
  local rp = pagesets_of(text)
  for nid = 0, #real do
    for _, name in ipairs(ZONES) do
      local ok_zone, z = pcall(function () return node(nid).zones[name] end)
      local cpus = rp[nid] and rp[nid][name]
      if ok_zone and z and cpus and real[nid][name].present > 0 then
        for cpu, r in pairs(cpus) do
          local s = z.pcp[cpu]
          local what = string.format("%s node %d %s cpu %d pcp", label,
                                     nid, name, cpu)
          row(what .. " batch", r.batch, s.batch)
          row(what .. " high in range", r.high,
              string.format("[%d, %d]", s.high_min, s.high_max),
              r.high == 0 or (r.high >= s.high_min and r.high <= s.high_max))
          info(what .. " count", r.count, s.count, count_note)
        end
      end
    end
  end
end

if #scn.sysctls == 0 then
  reset{thp = true, cpus = cap.cpus, nodes = boot_nodes(true)}
  row("min_free_kbytes, boot formula", cap.sysctl.before.min_free_kbytes,
      sysctl.min_free_kbytes)
  info("pages freed after the watermarks", freed_total, "", "initrd, init")
  compare_zones("boot", real, true)
  compare_pcp_sizes("boot", zi_text,
                    "kswapsim boots without the kernel's own allocations")
else
  -- each write recomputed them from the managed pages of the moment
  reset{thp = true, cpus = cap.cpus, nodes = boot_nodes(false)}
  for _, w in ipairs(scn.sysctls) do sysctl[w[1]] = w[2] end
  row("min_free_kbytes, written", cap.sysctl.before.min_free_kbytes,
      sysctl.min_free_kbytes)
  compare_zones("sysctl", real, true)
  compare_pcp_sizes("sysctl", zi_text,
                    "kswapsim boots without the kernel's own allocations")
end

-- }======

-- {====== the guest's zoneinfo imported

-- the scenario's writes, applied after the import as the guest did them
local written = {}
for _, w in ipairs(scn.sysctls) do written[w[1]] = w[2] end
reset{thp = true, zoneinfo = ZI, sysctl = written}
row("min_free_kbytes, imported", cap.sysctl.before.min_free_kbytes,
    sysctl.min_free_kbytes)
compare_zones("recomputed", real, false)
reset{thp = true, zoneinfo = ZI, watermarks = "file", sysctl = written}
compare_zones("file", real, true)
local got = zones_of(zoneinfo())
for nid = 0, #real do
  for _, name in ipairs(ZONES) do
    local r, s = real[nid][name], got[nid] and got[nid][name]
    if r and r.present and r.present > 0 then
      for _, k in ipairs{"spanned", "present", "managed", "start_pfn"} do
        row(string.format("node %d %s %s", nid, name, k), r[k], s and s[k])
      end
    end
  end
end

-- every sysctl kswapsim has, as the guest's
local missing = {}
for name, value in pairs(sysctl) do
  local r = cap.sysctl.before[name]
  local v = type(value) == "table" and
            tostring(value):gsub("[(),]", ""):gsub("%s+", " ") or
            tostring(value)
  if r == nil then
    missing[#missing + 1] = name
  elseif name ~= "min_free_kbytes" then
    row("sysctl " .. name, r, v)
  end
end
row("sysctls kswapsim has that the guest lacks", "", table.concat(missing, " "))

-- /proc/vmstat: the same names in the same order
local function names (text)
  local t = {}
  for name in text:gmatch("([%w_]+) %-?%d+\n") do t[#t + 1] = name end
  return t
end
local rn = names(cap.sections["before /proc/vmstat"])
local sn = names(tostring(vmstat()))
local first
for i = 1, math.max(#rn, #sn) do
  if rn[i] ~= sn[i] then
    first = string.format("#%d %s/%s", i, rn[i], sn[i])
    break
  end
end
row("/proc/vmstat names", #rn .. " names", #sn .. " names", first == nil, first)

-- the formats, numbers aside: each kswapsim line is the guest's
-- Two shapes of a line: each number as '#' (a field printed with %lu),
-- and each number with the blanks before it as as many '#' (a field
-- printed right-aligned in a fixed width, as pagetypeinfo's columns).
local function shapes (text)
  local t = {}
  for line in text:gmatch("[^\n]*\n") do
    t[#t + 1] = {(line:gsub("%d+", "#")),
                 (line:gsub(" *%d+", function (m) return ("#"):rep(#m) end))}
  end
  return t
end
local function same_format (what, real_text, sim_text)
  local want, seen = {}, {}
  for _, l in ipairs(shapes(real_text)) do want[l[1]], want[l[2]] = 1, 2 end
  local bad
  for _, l in ipairs(shapes(sim_text)) do
    if want[l[1]] ~= 1 and want[l[2]] ~= 2 and not seen[l[1]] then
      seen[l[1]] = true
      bad = bad or l[1]:gsub("\n", "")
    end
  end
  row(what .. " format", "", bad or "", bad == nil, bad and "kswapsim line")
end
same_format("/proc/zoneinfo", zi_text, zoneinfo())
same_format("/proc/buddyinfo", cap.sections["before /proc/buddyinfo"],
            buddyinfo())
-- (captures from before scripts/oracle brought it back have none)
if cap.sections["before /proc/pagetypeinfo"] then
  same_format("/proc/pagetypeinfo", cap.sections["before /proc/pagetypeinfo"],
              pagetypeinfo())
end

-- }======

-- {====== the workload, replayed

local function vmstat_of (text)
  local t = {}
  for name, v in text:gmatch("([%w_]+) (%-?%d+)\n") do t[name] = tonumber(v) end
  return t
end

-- the workload as kswapsim runs it: kind, pages, passes, and the guest's
-- own speed on pass 1 (before any swap-in or refault) in pages a jiffy
local function workload_of (w)
  local mib, passes = w:match("^eater (%d+) (%d+)$")
  if mib then
    local pages = tonumber(mib) * 256
    -- the first 256 MiB (the whole pass in older captures)
    local n, ms = cap.text:match("eater: pass 1 wrote (%d+) pages in (%d+) ms")
    assert(n, "the eater's pass 1")
    -- every pass's time, if every pass ended (the OOM killer may end one)
    local total, ended, first = 0, 0, nil
    for p, t, rest in cap.text:gmatch("eater: pass (%d+) %a+ %d+ pages in (%d+) ms([^\n]*)") do
      if not rest:find("so far", 1, true) then
        total, ended = total + tonumber(t), ended + 1
        if p == "1" then first = tonumber(t) end
      end
    end
    if ended ~= tonumber(passes) then total = nil end
    return {name = "eater", kind = "anon", pages = pages,
            passes = tonumber(passes), ms = tonumber(ms) * pages // n,
            total_ms = total, pass1_ms = first}
  end
  passes = w:match("^cat (%d+)$")
  if passes then
    local bytes, t0, t1 = cap.text:match(
      "cat: pass 1 read (%d+) bytes in ([%d.]+) ([%d.]+) s")
    local total = 0
    for a, b in cap.text:gmatch("cat: pass %d+ read %d+ bytes in ([%d.]+) ([%d.]+) s") do
      total = total + (b - a) * 1000
    end
    -- kswapd's CPU time after pass 1 (/proc/PID/schedstat), where the
    -- capture has it
    local kswapd_ns
    for p, ns in cap.text:gmatch("cpu: pass (%d+) kswapd0 (%d+) ns") do
      if p ~= "1" then kswapd_ns = (kswapd_ns or 0) + tonumber(ns) end
    end
    -- scripts/oracle's file is sparse: its readahead zeroes holes
    return {name = "cat", kind = "file", pages = tonumber(bytes) // 4096,
            kswapd_ns = kswapd_ns,
            passes = tonumber(passes), sparse = true, sendfile = true,
            ms = math.max(1, math.floor((t1 - t0) * 1000 + 0.5)),
            total_ms = total}
  end
  if w:match("^dd %d+$") then
    -- the write itself; the sync after it is the flusher's to finish
    local bytes, t0, t1 = cap.text:match(
      "dd: wrote (%d+) bytes in ([%d.]+) ([%d.]+) s")
    local ms = math.max(1, math.floor((t1 - t0) * 1000 + 0.5))
    return {name = "dd", kind = "file", dirty = true,
            pages = tonumber(bytes) // 4096, passes = 1, ms = ms,
            total_ms = ms}
  end
end

-- "EVENT FLAGS" of each mm_vmscan_* line with gfp_flags, once each
local function gfp_pairs (text, prefix)
  local set, list = {}, {}
  for ev, flags in text:gmatch(prefix .. "(mm_vmscan_[%w_]+): [^\n]-gfp_flags=(%S+)") do
    local k = ev .. " " .. flags
    if not set[k] then set[k] = true; list[#list + 1] = k end
  end
  table.sort(list)
  return list
end

-- the scenario's burst: pages, or "jiffy" for one jiffy at rate
local function burst_of (spec, rate)
  if spec == nil or spec == "flat" then return nil end
  if spec == "jiffy" then return rate end
  return assert(math.tointeger(tonumber(spec)), "burst: pages, jiffy or flat")
end

-- the scenario's cpu_speed: a speed, or "fit S": the speed at which a
-- replay whose passes after the first take S seconds at speed 1 takes
-- the guest's time for them. Pass 1 is left out: it is the first time
-- the guest touches most of its RAM, and each first touch costs it the
-- emulator's own allocation of that memory (first_touch_ns), which is
-- no work of the kernel's
local function cpu_speed_of (spec, wl)
  local fit = spec and spec:match("^fit%s+([%d.]+)$")
  if fit then
    assert(wl.total_ms and wl.passes > 1,
           "cpu_speed fit: the guest's passes (two or more) did not all end")
    return tonumber(fit) * 1000 / (wl.total_ms - (wl.pass1_ms or wl.ms))
  end
  return assert(tonumber(spec or "1"), "cpu_speed: a number or fit SECONDS")
end

local wl = workload_of(scn.workload or "")
if wl then
  local pages = wl.pages
  local rate = math.max(1, (pages * 4 + wl.ms - 1) // wl.ms)
  local burst = burst_of(scn.burst, rate)
  local cpu_speed = cpu_speed_of(scn.cpu_speed, wl)
  -- flat out: the whole region in one period, never a pause between
  local period = scn.burst == "flat" and pages or rate
  -- The guest swaps to a virtio disk, which 6.12 calls rotational
  -- (virtblk_probe() sets BLK_FEAT_ROTATIONAL): swapon counts it in
  -- nr_rotate_swap, so swap-in reads ahead by slot, not by address.
  -- Its page cache grows the slab as the kernel's does (slab = true):
  -- xarray nodes for every file, buffer heads for what dd writes.
  reset{thp = true, slab = true, cpus = cap.cpus, zoneinfo = ZI,
        watermarks = "file", swap = scn.swap,
        swap_rotational = scn.swap ~= nil, sysctl = written,
        cpu_speed = cpu_speed,
        first_touch_ns = math.tointeger(tonumber(scn.first_touch_ns or "0"))}
  -- The guest's kernel, shell and initramfs held pages before the
  -- workload began (slab, stacks, page tables, the rootfs): the replay's
  -- node holds as many, as kernel pages, so its workload has the room
  -- the guest's had. Pages on the guest's per-cpu lists were free.
  local held = 0
  for nid = 0, #real do
    local used = 0
    for _, name in ipairs(ZONES) do
      local z = real[nid][name]
      if z and z.managed and z.managed > 0 then
        used = used + z.managed - z.nr_free_pages - (z.count or 0)
      end
    end
    if used > 0 then alloc(used, {kind = "kernel", node = nid}) end
    held = held + used
  end
  disk{bandwidth = math.tointeger(tonumber(scn.bandwidth or "256")),
       request_us = math.tointeger(tonumber(scn.request_us or "0"))}
  local v0 = vmstat_of(tostring(vmstat()))
  local TRACE = os.getenv("KSS_ORACLE_TRACE") or os.tmpname()
  trace(TRACE)
  local t = task(wl.name)
  local rid = t:start{kind = wl.kind, size = pages, rate = period, every = 1,
          cycle = true, passes = wl.passes, dirty = wl.dirty,
          burst = burst, sparse = wl.sparse, sendfile = wl.sendfile}
  -- pass 1 ends with the region's last first touch: a fault of each anon
  -- page, a read of each file page (/proc/vmstat's pgpgin is in KiB), or
  -- of a sparse file an allocation of each
  local function first_touches ()
    local v = vmstat()
    if wl.kind == "anon" then return v.pgfault end
    if wl.sparse then
      return v.pgalloc_dma + v.pgalloc_dma32 + v.pgalloc_normal +
             v.pgalloc_movable
    end
    return v.pgpgin // 4
  end
  local function kswapd_runtime ()
    return tasks()[node(0).kswapd.task].runtime
  end
  local j0, f0, pass1, kswapd1 = jiffies(), first_touches(), nil, nil
  while t.working and jiffies() - j0 < 250 * 3600 do
    run(25)
    if not pass1 and first_touches() - f0 >= pages then
      pass1, kswapd1 = jiffies() - j0, kswapd_runtime()
    end
  end
  local elapsed = jiffies() - j0
  local kswapd_after1 = kswapd1 and kswapd_runtime() - kswapd1
  -- the eater exits: exit_mmap() frees its anonymous memory, as the
  -- guest's had been by the time it read its "after" files (a file's
  -- page cache outlives cat and dd)
  if wl.kind == "anon" then
    for _, r in ipairs(regions()) do
      if r.id == rid and not r.freed then free(r) end
    end
  end
  -- the guest's sync(2) after dd: kswapsim has none, so the replay lets
  -- the flusher write back every dirty page before it counts
  local function unwritten ()
    local v = vmstat()
    return v.nr_dirty + v.nr_writeback
  end
  local j1 = jiffies()
  while wl.dirty and unwritten() > 0 and jiffies() - j1 < 250 * 600 do
    run(25)
  end
  trace(false)
  row("the " .. wl.name .. "'s " .. wl.passes .. " passes end", "yes",
      t.working and "no" or "yes")
  -- the OOM killer's report: who invoked it, with which mask and order
  local function oom_lines (text, prefix)
    local t = {}
    for l in text:gmatch(prefix .. "([^\n]*invoked oom%-killer: [^\n]*)") do
      t[#t + 1] = l
    end
    for name in text:gmatch(prefix .. "Out of memory: Killed process %d+ (%b())") do
      t[#t + 1] = "killed " .. name
    end
    return t
  end
  local real_o = oom_lines(cap.text, "\n@@ oom ")
  local sim_o = oom_lines("\n" .. dmesg(), "\n%[[ %d.]+%] ")
  for i = 1, math.max(#real_o, #sim_o) do
    row("OOM report " .. i, real_o[i] or "-", sim_o[i] or "-")
  end
  -- the masks reclaim was asked with: the same set of (event, gfp_flags)
  local function by_event (list)
    local t = {}
    for _, l in ipairs(list) do
      local ev, flags = l:match("^(%S+) (%S+)$")
      t[ev] = t[ev] and (t[ev] .. " " .. flags) or flags
    end
    return t
  end
  local real_l = {}
  for line in cap.text:gmatch("\n@@ gfp ([^\n]+)") do
    real_l[#real_l + 1] = line
  end
  table.sort(real_l)
  local real_g = by_event(real_l)
  -- the masks of every capture ($KSS_ORACLE_ALL, paths joined by ':')
  local other_masks = {}
  for path in (os.getenv("KSS_ORACLE_ALL") or ""):gmatch("[^:]+") do
    local f = io.open(path)
    if f then
      local text = f:read("a")
      f:close()
      local run = path:match("([^/]+)%.txt$")
      for line in text:gmatch("\n@@ gfp ([^\n]+)") do
        other_masks[line] = other_masks[line] or run
      end
    end
  end
  local sim_g = by_event(gfp_pairs("\n" .. read(TRACE), "\n[^\n]-"))
  if not os.getenv("KSS_ORACLE_TRACE") then os.remove(TRACE) end
  for _, ev in ipairs{"mm_vmscan_wakeup_kswapd",
                      "mm_vmscan_direct_reclaim_begin"} do
    local r, sv = real_g[ev], sim_g[ev]
    if r and sv then
      -- every mask kswapsim reclaims for, the kernel did too; the kernel
      -- also reclaims for its own allocations (page tables, most slabs),
      -- which kswapsim does not make. Which allocation is the first to
      -- find a zone below low is a matter of chance for the rare ones
      -- (a slab page for every 896 pages of page cache): a mask this run
      -- of the kernel did not show passes if another capture has it.
      local rs, missing, elsewhere = {}, {}, {}
      for f in r:gmatch("%S+") do rs[f] = true end
      for f in sv:gmatch("%S+") do
        if rs[f] then
        elseif other_masks[ev .. " " .. f] then
          elsewhere[#elsewhere + 1] = f .. " (" .. other_masks[ev .. " " .. f] .. ")"
        else
          missing[#missing + 1] = f
        end
      end
      row(ev .. " gfp_flags", r, sv, #missing == 0,
          #missing > 0 and ("not in the kernel's: " ..
                            table.concat(missing, " ")) or
          #elsewhere > 0 and ("the kernel's in another run: " ..
                              table.concat(elsewhere, " ")) or nil)
    elseif r or sv then
      info(ev .. " gfp_flags", r or "-", sv or "-",
           "only one side reclaimed so")
    end
  end
  compare_pcp_sizes("after", assert(cap.sections["after /proc/zoneinfo"]),
                    "")
  local v1 = vmstat_of(tostring(vmstat()))
  local r0 = vmstat_of(cap.sections["before /proc/vmstat"])
  local r1 = vmstat_of(assert(cap.sections["after /proc/vmstat"]))
  -- pgscan, pgsteal: kswapd's and direct reclaim's; allocstall: every
  -- zone's (__perform_reclaim() counts the zone of highest_zoneidx)
  local SUMS = {pgscan = {"_kswapd", "_direct"},
                pgsteal = {"_kswapd", "_direct"},
                allocstall = {"_dma", "_dma32", "_normal", "_movable"}}
  local function delta (k, a, b)
    if SUMS[k] then
      local n = 0
      for _, suffix in ipairs(SUMS[k]) do n = n + delta(k .. suffix, a, b) end
      return n
    end
    return b[k] - a[k]
  end
  local function real_d (k) return delta(k, r0, r1) end
  local function sim_d (k) return delta(k, v0, v1) end
  local function pct (s, r)
    if r == 0 then return s == 0 and 0 or math.huge end
    return 100 * (s - r) / r
  end
  info(wl.name .. " rate (pages a jiffy, the guest's pass 1)", rate, rate,
       "")
  info("pages in use before the workload", held, held, "kernel pages")
  info(wl.name .. " burst (pages back to back), cpu_speed", "",
       string.format("%s, %.3g", burst or scn.burst or "-", cpu_speed), "")
  if pass1 then
    info("pass 1 takes (s, to 0.1 s)",
         string.format("%.1f", (wl.pass1_ms or wl.ms) / 1000),
         string.format("%.1f", pass1 / 250), "")
  end
  if wl.total_ms then
    info("the " .. wl.passes .. " passes take (s)",
         string.format("%.1f", wl.total_ms / 1000),
         string.format("%.1f", elapsed / 250), "")
  end
  if wl.kswapd_ns and kswapd_after1 then
    info("kswapd's CPU after pass 1 (s)",
         string.format("%.2f", wl.kswapd_ns / 1e9),
         string.format("%.2f", kswapd_after1), "")
  end
  local banded = {}
  for _, b in ipairs(scn.bands) do
    local k, band = b[1], b[2]
    local r, sv = real_d(k), sim_d(k)
    local d = pct(sv, r)
    local gap = scn.gaps[k]
    local within = tolerated(band, d, sv - r)
    banded[k] = true
    if gap and not within then
      -- a known gap: outside the real spread, held within its limit
      row("workload " .. k, r, sv, tolerated(gap, d, sv - r),
          string.format("GAP %+.1f%%, %s, %s", d, describe("band", band),
                        describe("limit", gap)))
    else
      row("workload " .. k, r, sv, within,
          string.format("%+.1f%%, %s", d, describe("band", band)))
    end
  end
  for _, k in ipairs{"pgscan_kswapd", "pgscan_direct", "pgsteal_kswapd",
                     "pgsteal_direct", "allocstall", "pageoutrun",
                     "kswapd_low_wmark_hit_quickly",
                     "kswapd_high_wmark_hit_quickly", "pgdeactivate",
                     "swap_ra", "swap_ra_hit", "workingset_nodes",
                     "workingset_refault_file", "workingset_activate_file",
                     "pgactivate", "pgmajfault", "pswpout", "nr_dirtied",
                     "nr_written", "nr_vmscan_write",
                     "nr_vmscan_immediate_reclaim", "pgrotated",
                     "pgpgin"} do
    if not banded[k] then
      local r, sv = real_d(k), sim_d(k)
      info("workload " .. k, r, sv,
           string.format("%+.1f%%, no band", pct(sv, r)))
    end
  end
end

-- }======

os.remove(ZI)
print_rows()
if failed > 0 then
  error(string.format("%s: %d of the compared values differ", PATH, failed))
end
