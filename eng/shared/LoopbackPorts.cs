using System.Net;
using System.Net.Sockets;

namespace Pikumo.ImageGen.Shared;

/// <summary>
/// Free ports on 127.0.0.1, for the servers a sample or a test starts itself (Orleans silos, Azurite). One source file
/// linked into the projects that need it (the samples and the cluster tests share no library to hold it).
/// </summary>
internal static class LoopbackPorts
{
    /// <summary>Distinct free loopback ports: all listeners are held open together, so no two answers are the same port.</summary>
    public static int[] Free(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToArray();
        try
        {
            foreach (var listener in listeners)
            {
                listener.Start();
            }

            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Dispose();
            }
        }
    }
}
