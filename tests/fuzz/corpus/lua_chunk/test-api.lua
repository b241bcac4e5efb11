-- The rest of the Lua API's contract: seeds, pacing in batch, iterating
-- zones and sysctls, object identity.

local testlib = require("lib.testlib")
local expect, checkerror = testlib.expect, testlib.checkerror

-- {====== determinism: reset{seed} seeds math.random too
reset{seed = 5}
local a = {math.random(1 << 30), math.random(1 << 30)}
reset{seed = 5}
expect(math.random(1 << 30), a[1], "same seed, same first number")
expect(math.random(1 << 30), a[2], "same seed, same second number")
reset{seed = 6}
expect(math.random(1 << 30) ~= a[1], true, "another seed")
-- }======

-- {====== io.write goes to the output, or to the file io.output() names
local path = os.tmpname()
io.output(path)
io.write("to the file ", 42, "\n")
io.close()
io.output(io.stdout)
local f = assert(io.open(path))
expect(f:read("a"), "to the file 42\n", "io.write after io.output(file)")
f:close()
os.remove(path)
expect(io.write("") , io.stdout, "io.write returns the file")
-- io.write(vmstat()) writes the /proc/vmstat text, to a file too
io.output(path)
io.write(vmstat())
io.close()
io.output(io.stdout)
f = assert(io.open(path))
local text = f:read("a")
f:close()
os.remove(path)
expect(text, tostring(vmstat()), "io.write(vmstat()): the /proc/vmstat text")
assert(text:find("^nr_free_pages %d+\n"), "a /proc/vmstat line")
checkerror("string expected, got table", io.write, {})
-- }======

-- {====== pacing is free in batch: pause() returns, say() prints
pause()
pause(3600)
say("a caption")
-- }======

-- {====== the default machine (sim_config_default()): one node, three zones
reset{}
local n = node()
expect(n.id, 0, "node() is node 0")
expect(n, node(0), "same node")
expect(n.zones.Normal, n.zones[2], "Normal is zone index 2")
expect(n.zones.DMA ~= n.zones.DMA32, true, "different zones")
expect(#n.zones, 5, "MAX_NR_ZONES")
local names = {}
for name, z in pairs(n.zones) do
  names[#names + 1] = name
  expect(z.name, name, "pairs gives name, zone")
  expect(z.idx, #names - 1, "in zone index order")
  expect(z.node, 0, "zone's node")
end
expect(table.concat(names, " "), "DMA DMA32 Normal Movable Device", "zones")
local managed = 0
for i = 0, #n.zones - 1 do
  managed = managed + n.zones[i].managed
end
expect(n.managed, managed, "node managed is the zones' sum")
expect(tostring(n):match("^Node 0\n  DMA: free ") ~= nil, true, "node text")
-- }======

-- {====== sysctl: iterate, print, assign
local seen = {}
for name, v in pairs(sysctl) do
  seen[#seen + 1] = name
  if name == "lowmem_reserve_ratio" then
    expect(type(v), "table", name)
  else
    expect(math.type(v), "integer", name)
  end
end
expect(seen[1], "min_free_kbytes", "first sysctl")
expect(#seen >= 6, true, "sysctls")
expect(tostring(sysctl):match("\nvm%.lowmem_reserve_ratio = 256\t256\t32\t0\t0\n")
       ~= nil, true, "sysctl(8) text")
sysctl.swappiness = 100
expect(sysctl.swappiness, 100, "swappiness")
sysctl.laptop_mode = true
expect(sysctl.laptop_mode, 1, "boolean sysctl")
reset{sysctl = {swappiness = 10, watermark_scale_factor = 100}}
expect(sysctl.swappiness, 10, "reset sysctl")
expect(sysctl.watermark_scale_factor, 100, "reset sysctl wsf")
-- }======
check()
