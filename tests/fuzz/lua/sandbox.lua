-- SPDX-License-Identifier: GPL-2.0-only
-- The lua_chunk fuzzer's sandbox: fz_env() makes a fresh environment for
-- one chunk, with the API and the standard library less what would touch
-- the host (files, processes, stdin, C modules) or lift the fuzzer's
-- limits (debug, collectgarbage("stop")). Machines stay small: reset{}
-- keeps its nodes only up to 64 MiB in all, start_pfn included, and swap
-- up to 64 MiB, so no input boots a host-sized machine (the harness also
-- tells reset{} that the host has 128 MiB); and simulated time is
-- rationed, as one run() can be a long time in C where no instruction
-- limit reaches: 100 jiffies of run() and tick() and 100 calls of step()
-- and its kin a chunk; check() walks every page frame, so it gets 20
-- calls.

local G = _G
local real_reset, real_run, real_load = reset, run, load
local real_require, real_trace, real_gc = require, trace, collectgarbage
local real_tick, real_step, real_step_out, real_cont, real_check =
  tick, step, step_out, cont, check
local LIMIT = 64 * 256 -- pages
local SUFFIX = {[""] = 1, K = 1 / 4, M = 256, G = 256 * 1024,
                T = 256 * 1024 * 1024}

-- pages of a size written as the API takes it, or nil when unsure
local function pages (v)
  if math.type(v) == "integer" then return v end
  if type(v) ~= "string" then return nil end
  local n, s = v:match("^(%d+)([KMGT]?)$")
  if not n then return nil end
  return tonumber(n) * SUFFIX[s]
end

local function small_nodes (nodes)
  if type(nodes) ~= "table" then return nodes end
  local sum = 0
  for _, nd in pairs(nodes) do
    if type(nd) == "table" and type(nd.zones) == "table" then
      for _, z in pairs(nd.zones) do
        -- start_pfn counts: the frames reach from pfn 0 to a zone's end
        local zs = type(z) == "table" and
                   {z.start_pfn, z.spanned, z.present, z.managed} or {z}
        for _, v in pairs(zs) do
          local p = pages(v)
          if not p and type(v) ~= "table" then return nil end
          sum = sum + math.max(p or 0, 0)
        end
      end
    end
  end
  return sum <= LIMIT and nodes or nil
end

local function reset_small (t)
  if type(t) ~= "table" then return real_reset(t) end
  local c = {}
  for k, v in pairs(t) do c[k] = v end
  c.zoneinfo = nil
  c.nodes = small_nodes(c.nodes) or {{zones = {DMA32 = "16M"}}}
  if c.swap ~= nil and (pages(c.swap) or LIMIT + 1) > LIMIT then
    c.swap = "8M"
  end
  return real_reset(c)
end

-- tests/lua's lib.testlib, so the tests can seed the corpus as they are
local function expect (got, want, what)
  if got ~= want then
    error(string.format("%s: got %s, want %s", tostring(what),
                        tostring(got), tostring(want)), 2)
  end
end
local function checkerror (msg, f, ...)
  local ok, err = pcall(f, ...)
  if ok or not string.find(tostring(err), msg, 1, true) then
    error("expected error " .. tostring(msg), 2)
  end
end
local TESTLIB = {expect = expect, checkerror = checkerror}

local function copy (t)
  local c = {}
  for k, v in pairs(t) do c[k] = v end
  return c
end

local SAFE = {"assert", "error", "ipairs", "next", "pairs", "pcall",
              "print", "rawequal", "rawget", "rawlen", "rawset", "select",
              "setmetatable", "getmetatable", "tonumber", "tostring",
              "type", "xpcall", "warn",
              -- the API
              "alloc", "free", "touch", "dirty", "mlock", "node", "regions",
              "task", "tasks", "current_task", "wake_kswapd", "disk",
              "jiffies", "now", "where",
              "set_priority", "source", "zoneinfo", "buddyinfo",
              "pagetypeinfo", "vmstat", "dmesg", "say", "pause",
              "chapter", "help"}
local LIBS = {"string", "table", "math", "utf8", "coroutine"}

function fz_env ()
  local env = {}
  for _, k in ipairs(SAFE) do env[k] = G[k] end
  for _, k in ipairs(LIBS) do env[k] = copy(G[k]) end
  env.sysctl = G.sysctl
  env.workloads = copy(G.workloads)
  env.io = {write = G.io.write}
  env.os = {}
  env.reset = reset_small
  local jiffies = 100
  env.run = function (n, ...)
    if type(n) == "number" and n > jiffies then
      error("fuzz: no simulated time left")
    end
    jiffies = jiffies - (math.type(n) == "integer" and n or 1)
    return real_run(n, ...)
  end
  env.tick = function (...)
    if jiffies < 1 then error("fuzz: no simulated time left") end
    jiffies = jiffies - 1
    return real_tick(...)
  end
  local function rationed (f, n)
    return function (...)
      if n < 1 then error("fuzz: no calls left") end
      n = n - 1
      return f(...)
    end
  end
  env.step = rationed(real_step, 100)
  env.step_out = rationed(real_step_out, 100)
  env.cont = rationed(real_cont, 100)
  env.check = rationed(real_check, 20)
  env.trace = function (on)
    if type(on) ~= "boolean" then error("fuzz: trace(true|false)") end
    return real_trace(on)
  end
  env.load = function (s, name, mode, e)
    return real_load(s, name, "t", e or env)
  end
  env.require = function (name)
    if name == "lib.testlib" then return TESTLIB end
    if name ~= "workloads" then error("fuzz: require") end
    return env.workloads
  end
  env.collectgarbage = function (opt, ...)
    if opt == "stop" or opt == "incremental" or opt == "generational" then
      error("fuzz: collectgarbage")
    end
    return real_gc(opt, ...)
  end
  env._G = env
  return env
end

function fz_boot (seed)
  real_reset{seed = seed, nodes = {{zones = {DMA = "1M", DMA32 = "15M"}}},
             swap = "8M"}
end
