-- strbuild: string building (twin of strbuild.mgo); uses table.concat.
local n = 1000000
local parts = {}
local k = 0
local tostring = tostring
for i = 0, n - 1 do
  parts[k + 1] = tostring(i)
  if i % 10 == 9 then
    parts[k + 2] = ";"
  else
    parts[k + 2] = ","
  end
  k = k + 2
end
local s = table.concat(parts)
print(#s)
print(string.sub(s, -24))
