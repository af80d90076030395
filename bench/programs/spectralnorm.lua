-- spectralnorm: Benchmarks Game spectral-norm, N=500 (twin of spectralnorm.mgo)
local function evalA(i, j)
  return 1.0 / ((i + j) * (i + j + 1) // 2 + i + 1)
end

local function timesVec(v, u, n)
  for i = 0, n - 1 do
    local a = 0.0
    for j = 0, n - 1 do
      a = a + evalA(i, j) * u[j + 1]
    end
    v[i + 1] = a
  end
end

local function timesTranspVec(v, u, n)
  for i = 0, n - 1 do
    local a = 0.0
    for j = 0, n - 1 do
      a = a + evalA(j, i) * u[j + 1]
    end
    v[i + 1] = a
  end
end

local function aTimesTransp(v, u, tmp, n)
  timesVec(tmp, u, n)
  timesTranspVec(v, tmp, n)
end

local n = 500
local u, v, tmp = {}, {}, {}
for i = 1, n do
  u[i] = 1.0
  v[i] = 0.0
  tmp[i] = 0.0
end
for _ = 1, 10 do
  aTimesTransp(v, u, tmp, n)
  aTimesTransp(u, v, tmp, n)
end
local vBv, vv = 0.0, 0.0
for i = 1, n do
  vBv = vBv + u[i] * v[i]
  vv = vv + v[i] * v[i]
end
print(string.format("%.9f", math.sqrt(vBv / vv)))
