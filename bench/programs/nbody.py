# nbody: Benchmarks Game n-body (twin of nbody.mgo)
import math


class Body:
    __slots__ = ("x", "y", "z", "vx", "vy", "vz", "mass")

    def __init__(self, x, y, z, vx, vy, vz, mass):
        self.x = x
        self.y = y
        self.z = z
        self.vx = vx
        self.vy = vy
        self.vz = vz
        self.mass = mass


def advance(bodies, dt):
    n = len(bodies)
    for i in range(n):
        b = bodies[i]
        for j in range(i + 1, n):
            b2 = bodies[j]
            dx = b.x - b2.x
            dy = b.y - b2.y
            dz = b.z - b2.z
            d_squared = dx * dx + dy * dy + dz * dz
            distance = math.sqrt(d_squared)
            mag = dt / (d_squared * distance)
            b.vx -= dx * b2.mass * mag
            b.vy -= dy * b2.mass * mag
            b.vz -= dz * b2.mass * mag
            b2.vx += dx * b.mass * mag
            b2.vy += dy * b.mass * mag
            b2.vz += dz * b.mass * mag
    for b in bodies:
        b.x += dt * b.vx
        b.y += dt * b.vy
        b.z += dt * b.vz


def energy(bodies):
    e = 0.0
    n = len(bodies)
    for i in range(n):
        b = bodies[i]
        e += 0.5 * b.mass * (b.vx * b.vx + b.vy * b.vy + b.vz * b.vz)
        for j in range(i + 1, n):
            b2 = bodies[j]
            dx = b.x - b2.x
            dy = b.y - b2.y
            dz = b.z - b2.z
            distance = math.sqrt(dx * dx + dy * dy + dz * dz)
            e -= (b.mass * b2.mass) / distance
    return e


def offset_momentum(bodies, solar_mass):
    px = py = pz = 0.0
    for b in bodies:
        px += b.vx * b.mass
        py += b.vy * b.mass
        pz += b.vz * b.mass
    bodies[0].vx = -px / solar_mass
    bodies[0].vy = -py / solar_mass
    bodies[0].vz = -pz / solar_mass


def main():
    steps = 2000000
    pi = math.pi
    solar_mass = 4 * pi * pi
    days_per_year = 365.24

    bodies = [
        Body(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, solar_mass),
        Body(4.84143144246472090e+00,
             -1.16032004402742839e+00,
             -1.03622044471123109e-01,
             1.66007664274403694e-03 * days_per_year,
             7.69901118419740425e-03 * days_per_year,
             -6.90460016972063023e-05 * days_per_year,
             9.54791938424326609e-04 * solar_mass),
        Body(8.34336671824457987e+00,
             4.12479856412430479e+00,
             -4.03523417114321381e-01,
             -2.76742510726862411e-03 * days_per_year,
             4.99852801234917238e-03 * days_per_year,
             2.30417297573763929e-05 * days_per_year,
             2.85885980666130812e-04 * solar_mass),
        Body(1.28943695621391310e+01,
             -1.51111514016986312e+01,
             -2.23307578892655734e-01,
             2.96460137564761618e-03 * days_per_year,
             2.37847173959480950e-03 * days_per_year,
             -2.96589568540237556e-05 * days_per_year,
             4.36624404335156298e-05 * solar_mass),
        Body(1.53796971148509165e+01,
             -2.59193146099879641e+01,
             1.79258772950371181e-01,
             2.68067772490389322e-03 * days_per_year,
             1.62824170038242295e-03 * days_per_year,
             -9.51592254519715870e-05 * days_per_year,
             5.15138902046611451e-05 * solar_mass),
    ]

    offset_momentum(bodies, solar_mass)
    print("%.9f" % energy(bodies))
    for _ in range(steps):
        advance(bodies, 0.01)
    print("%.9f" % energy(bodies))


main()
