-- SPDX-License-Identifier: GPL-2.0-only
-- The Lua side of kswapsim's scripting layer, loaded once when the state
-- is created, after the C bindings (reset, node, alloc, ...). It seeds
-- math.random from the machine's seed (Lua seeds it from the clock),
-- loads the helpers of lua/ as globals (workloads, help), and returns
-- what the C side keeps in the registry: show(), which turns REPL
-- results into text, and complete(), the Tab completion.

local seed = ...
math.randomseed(seed)

-- the Lua-side helpers of lua/, as globals for the REPL and scripts
workloads = require "workloads"
help = require "help"

local format, concat, sort = string.format, table.concat, table.sort

-- step_out(): the UI's S key, run to the next stop one granularity
-- coarser than where() is parked at ("page" -> "batch", ...), or to the
-- end of the next balance_pgdat() when nobody is parked
local OUTER = {line = "page", page = "batch", batch = "lru", lru = "node",
               node = "priority", priority = "balance", balance = "balance"}

function step_out ()
  local at = where()
  return step(at and OUTER[at.granularity] or "balance")
end

-- cont(): gdb's continue, the UI's c key. The parked reclaimer goes on
-- without stops to the end of the jiffy it was in (run(1) never parks);
-- in the UI, simulated time then runs again
function cont ()
  local at = where()
  if not at then
    return nil, "nothing to continue: no reclaimer is parked (s steps into one)"
  end
  run(1)
  return format("continuing: %s left %s() at t=%d", at.task, at.fn, jiffies())
end

local WIDTH = 72

local function is_ident (k)
  return type(k) == "string" and k:match("^[%a_][%w_]*$") ~= nil
end

local function key_less (a, b)
  local ta, tb = type(a), type(b)
  if ta ~= tb then
    return ta < tb
  end
  if ta == "number" or ta == "string" then
    return a < b
  end
  return tostring(a) < tostring(b)
end

local repr

-- the entries of t: a run of integer keys from 0 or 1 first, then the
-- other keys in sorted order, so the text never depends on next()'s order
local function entries (t, indent, seen)
  local parts, done = {}, {}
  local first = rawget(t, 0) ~= nil and 0 or 1
  local i = first
  while rawget(t, i) ~= nil do
    local v = repr(rawget(t, i), indent, seen)
    parts[#parts + 1] = i == 0 and "[0]=" .. v or v
    done[i] = true
    i = i + 1
  end
  local keys = {}
  for k in next, t do
    if not done[k] then
      keys[#keys + 1] = k
    end
  end
  sort(keys, key_less)
  for _, k in ipairs(keys) do
    local ks = is_ident(k) and k or "[" .. repr(k, indent, seen) .. "]"
    parts[#parts + 1] = ks .. " = " .. repr(rawget(t, k), indent, seen)
  end
  return parts
end

-- A readable, deterministic rendering of v: tables as constructors
-- (one line when short), objects with __tostring by their summary.
function repr (v, indent, seen)
  local tv = type(v)
  if tv == "string" then
    return format("%q", v)
  end
  if tv ~= "table" then
    return tostring(v)
  end
  local mt = getmetatable(v)
  if mt and mt.__tostring then
    return tostring(v)
  end
  seen = seen or {}
  if seen[v] then
    return "<cycle>"
  end
  seen[v] = true
  indent = indent or ""
  local parts = entries(v, indent .. "  ", seen)
  seen[v] = nil
  if #parts == 0 then
    return "{}"
  end
  local line = "{" .. concat(parts, ", ") .. "}"
  if #line + #indent <= WIDTH and not line:find("\n") then
    return line
  end
  return "{\n" .. indent .. "  " .. concat(parts, ",\n" .. indent .. "  ")
         .. ",\n" .. indent .. "}"
end

-- REPL results as lua.c's l_print shows them, strings as they are.
local function show (...)
  local out = {}
  for i = 1, select("#", ...) do
    local v = select(i, ...)
    out[i] = type(v) == "string" and v or repr(v)
  end
  return concat(out, "\t")
end

-- {====== completion

local KEYWORDS = {
  "and", "break", "do", "else", "elseif", "end", "false", "for",
  "function", "goto", "if", "in", "local", "nil", "not", "or", "repeat",
  "return", "then", "true", "until", "while",
}

-- words worth completing inside a string literal
local STRING_WORDS = {
  "anon", "file", "kernel", "min", "low", "high", "promo",
  "/proc/zoneinfo",
  "GFP_KERNEL", "GFP_ATOMIC", "GFP_NOWAIT", "GFP_NOIO", "GFP_NOFS",
  "GFP_USER", "GFP_DMA", "GFP_DMA32", "GFP_HIGHUSER",
  "GFP_HIGHUSER_MOVABLE", "GFP_TRANSHUGE", "GFP_TRANSHUGE_LIGHT",
  "__GFP_NOWARN", "__GFP_NORETRY", "__GFP_RETRY_MAYFAIL", "__GFP_NOFAIL",
  "__GFP_HIGH", "__GFP_MOVABLE", "__GFP_COMP", "__GFP_ZERO",
  "ALLOC_WMARK_MIN", "ALLOC_WMARK_LOW", "ALLOC_WMARK_HIGH",
  "ALLOC_NO_WATERMARKS", "ALLOC_OOM", "ALLOC_NON_BLOCK",
  "ALLOC_MIN_RESERVE", "ALLOC_HIGHATOMIC", "ALLOC_KSWAPD",
}

-- functions without side effects, which completion may call
local pure = {}
for _, name in ipairs { "node", "vmstat", "where", "tasks", "current_task",
                        "disk" } do
  if _G[name] then
    pure[_G[name]] = true
  end
end

local function add_names (set, t, pred)
  for k, v in next, t do
    if is_ident(k) and (not pred or pred(v)) then
      set[k] = true
    end
  end
end

local function add_list (set, list)
  for _, k in ipairs(list) do
    set[k] = true
  end
end

local function is_function (v)
  return type(v) == "function"
end

-- the names after "v." (or "v:" when methods)
local function fields (v, methods)
  local set = {}
  if type(v) == "table" then
    add_names(set, v, methods and is_function)
  elseif type(v) == "string" then
    add_names(set, string)
  end
  local mt = getmetatable(v)
  if type(mt) ~= "table" then
    return set
  end
  if methods and type(rawget(mt, "__methods")) == "table" then
    add_names(set, mt.__methods)
  elseif type(rawget(mt, "__fields")) == "table" then
    add_list(set, mt.__fields)
  end
  if type(rawget(mt, "__index")) == "table" then
    add_names(set, mt.__index, methods and is_function)
  end
  return set
end

-- a literal argument list or key: no calls, no globals
local function literals (s)
  if not s:match("^[%w%s,\"'%-%.]*$") then
    error("not a literal")
  end
  return assert(load("return " .. s, "=complete", "t", {}))()
end

-- the value of a prefix like node(0).zones or vmstat()
local function resolve (expr)
  local name, pos = expr:match("^([%a_][%w_]*)()")
  local v = _G[assert(name)]
  while pos <= #expr do
    local key, npos = expr:match("^%.([%a_][%w_]*)()", pos)
    if key then
      v = v[key]
    else
      local inner, ipos = expr:match("^%[([^%[%]]*)%]()", pos)
      if inner then
        key, npos = literals(inner), ipos
        v = v[key]
      else
        inner, npos = expr:match("^%(([^()]*)%)()", pos)
        assert(inner and pure[v], "not a pure call")
        v = v(literals(inner))
      end
    end
    pos = npos
  end
  return v
end

-- the expression that ends the text: names, calls, indexing
local function prefix_expr (s)
  local i, depth = #s, 0
  while i > 0 do
    local c = s:sub(i, i)
    if c == ")" or c == "]" then
      depth = depth + 1
    elseif c == "(" or c == "[" then
      if depth == 0 then
        break
      end
      depth = depth - 1
    elseif depth == 0 and not c:match("[%w_.]") then
      break
    end
    i = i - 1
  end
  return s:sub(i + 1)
end

local function in_string (s)
  local quote, i = nil, 1
  while i <= #s do
    local c = s:sub(i, i)
    if quote then
      if c == "\\" then
        i = i + 1
      elseif c == quote then
        quote = nil
      end
    elseif c == '"' or c == "'" then
      quote = c
    elseif s:sub(i, i + 1) == "--" then
      return false
    end
    i = i + 1
  end
  return quote ~= nil
end

local function string_words ()
  local set = {}
  add_list(set, STRING_WORDS)
  for _, mt in ipairs { getmetatable(node(0).zones), getmetatable(sysctl) } do
    add_list(set, mt.__fields)
  end
  return set
end

-- Candidates for the identifier that ends text, sorted.
local function complete (text)
  local word = text:match("[%w_]*$")
  local before = text:sub(1, #text - #word)
  local set
  if in_string(before) then
    set = string_words()
  else
    local sep = before:sub(-1)
    if sep == "." or sep == ":" then
      local expr = prefix_expr(before:sub(1, -2))
      local ok, v = pcall(resolve, expr)
      set = (ok and v ~= nil) and fields(v, sep == ":") or {}
    else
      set = fields(_G)
      add_list(set, KEYWORDS)
    end
  end
  local out = {}
  for k in next, set do
    if k:sub(1, #word) == word then
      out[#out + 1] = k
    end
  end
  sort(out)
  return out
end

-- }======

return { show = show, repr = repr, complete = complete }
