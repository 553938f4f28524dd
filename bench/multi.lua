-- bench/multi.lua - the wrk script of bench/multi.sh: the summary pages and lists as
-- people read them, with one API write (a new action) in every WRITE_EVERY requests, so
-- the kept summary pages are counted again after each change as in real use.
-- wrk ... -s bench/multi.lua URL -- SESSION TOKEN UNIT_ID YEAR WRITE_EVERY
local counter = 0

function init(args)
  local cookie = { ["Cookie"] = "lis_session=" .. args[1] }
  json = { ["Authorization"] = "Bearer " .. args[2], ["Content-Type"] = "application/json" }
  unit, year, every = args[3], args[4], tonumber(args[5]) or 20
  reads = {
    { "/lagesbild", cookie }, { "/inventory/coverage", cookie }, { "/classification", cookie },
    { "/plan/" .. year, cookie }, { "/home", cookie }, { "/people", cookie },
    { "/actions", cookie }, { "/risks", cookie },
  }
end

function request()
  counter = counter + 1
  if every > 0 and counter % every == 0 then
    local body = string.format('{"title":"Lastprov %d-%d","unit_id":%s,"status":"planned","plan_year":%s}',
      math.random(1, 1e9), counter, unit, year)
    return wrk.format("POST", "/api/v1/actions", json, body)
  end
  local r = reads[(counter % #reads) + 1]
  return wrk.format("GET", r[1], r[2])
end
