-- bench/soak.lua - the wrk script of make soak: list pages and API reads mixed with API
-- writes (PATCH a person's title, create a unit, retire it again).
-- wrk ... -s bench/soak.lua URL -- SESSION TOKEN PARENT_UNIT PERSON_ID,PERSON_ID,...
-- Every response outside 2xx/3xx counts as an error; done() prints the totals.

local threads = {}
local nthreads = 0

function setup(thread)
  nthreads = nthreads + 1
  thread:set("tid", nthreads)
  table.insert(threads, thread)
end

function init(args)
  local session, token = args[1], args[2]
  parent = args[3]
  people = {}
  for id in string.gmatch(args[4] or "", "%d+") do
    people[#people + 1] = id
  end
  n = 0
  errors = 0
  statuses = {}
  pending = {} -- units created and not yet retired
  local cookie = { ["Cookie"] = "lis_session=" .. session }
  api = { ["Authorization"] = "Bearer " .. token }
  json = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }
  reads = {
    { "/people", cookie },
    { "/api/v1/people?limit=100", api },
    { "/units", cookie },
    { "/api/v1/units", api },
    { "/roles", cookie },
    { "/audit", cookie },
    { "/home", cookie },
    { "/api/v1/audit", api },
  }
end

-- of every ten requests: six reads, two PATCHes, one unit created, one retired
function request()
  n = n + 1
  local k = n % 10
  if k == 9 and #pending > 0 then
    local id = table.remove(pending, 1)
    return wrk.format("POST", "/api/v1/units/" .. id .. "/retire", api)
  elseif k == 6 or k == 7 then
    local id = people[(n % #people) + 1]
    return wrk.format("PATCH", "/api/v1/people/" .. id, json,
      string.format('{"title":"Soak %d-%d"}', tid, n))
  elseif k == 8 then
    return wrk.format("POST", "/api/v1/units", json,
      string.format('{"name":"Soak %d-%d","kind":"enhet","parent_id":%s}', tid, n, parent))
  end
  local r = reads[(n % #reads) + 1]
  return wrk.format("GET", r[1], r[2])
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status < 200 or status >= 400 then
    errors = errors + 1
  end
  if status == 201 then
    local id = string.match(body, '^{"id":(%d+)')
    if id then
      pending[#pending + 1] = id
    end
  end
end

function done(summary, latency, requests)
  local e, by = 0, {}
  for _, t in ipairs(threads) do
    e = e + t:get("errors")
    for status, count in pairs(t:get("statuses")) do
      by[status] = (by[status] or 0) + count
    end
  end
  local s = summary.errors
  io.write(string.format("soak-result requests=%d errors=%d connect=%d read=%d write=%d timeout=%d\n",
    summary.requests, e, s.connect, s.read, s.write, s.timeout))
  for status, count in pairs(by) do
    io.write(string.format("soak-status %d %d\n", status, count))
  end
  io.write(string.format("soak-latency p50=%.2fms p99=%.2fms max=%.2fms\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
