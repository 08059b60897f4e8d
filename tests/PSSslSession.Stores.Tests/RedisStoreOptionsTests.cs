using Xunit;

namespace PSSslSession.Stores.Tests
{
    public sealed class RedisStoreOptionsTests
    {
        [Fact]
        public void Defaults_follow_mod_socache_redis()
        {
            var o = new RedisStoreOptions();
            Assert.Equal(6379, o.Port);
            Assert.Equal("mod_ssl-sess:", o.KeyPrefix);
            Assert.Equal(0, o.Database);
            Assert.Null(o.UserName);
            Assert.Null(o.Password);
            Assert.False(o.UseTls);
            Assert.Equal(TimeSpan.FromSeconds(5), o.ConnectTimeout);
            Assert.Equal(TimeSpan.FromSeconds(5), o.OperationTimeout);
        }

        [Fact]
        public void Reconnect_backoff_never_waits_more_than_a_second_so_a_recovered_server_is_noticed_within_one()
        {
            var o = new RedisStoreOptions();
            Assert.Equal(TimeSpan.FromMilliseconds(250), o.ReconnectDelay);
            Assert.Equal(TimeSpan.FromSeconds(1), o.MaxReconnectDelay);
        }

        [Theory]
        [InlineData("cache.example", "cache.example", 6379)]
        [InlineData("cache.example:6380", "cache.example", 6380)]
        [InlineData("10.1.2.3:7000", "10.1.2.3", 7000)]
        [InlineData("[::1]:6379", "::1", 6379)]
        [InlineData("[::1]", "::1", 6379)]
        [InlineData("::1", "::1", 6379)]
        [InlineData("  localhost:1  ", "localhost", 1)]
        public void Parse_reads_host_and_port(string text, string host, int port)
        {
            var o = RedisStoreOptions.Parse(text);
            Assert.Equal(host, o.Host);
            Assert.Equal(port, o.Port);
        }

        [Theory]
        [InlineData("")]
        [InlineData("   ")]
        [InlineData("host:")]
        [InlineData("host:0")]
        [InlineData("host:65536")]
        [InlineData("host:abc")]
        [InlineData("host:-1")]
        [InlineData(":6379")]
        [InlineData("[::1")]
        [InlineData("[::1]6379")]
        [InlineData("[]:6379")]
        [InlineData("my host:6379")]
        [InlineData("host/0")]
        public void Parse_rejects_bad_text_with_a_FormatException_naming_a_Redis_address(string text)
        {
            var ex = Assert.Throws<FormatException>(() => RedisStoreOptions.Parse(text));
            Assert.Contains("Redis address", ex.Message);
        }

        [Fact]
        public void Parse_reads_a_comma_separated_list_of_servers_with_IPv6_in_brackets()
        {
            var o = RedisStoreOptions.Parse("node1:7000, [::1]:7001,node3");
            Assert.Equal(new[] { "node1:7000", "[::1]:7001", "node3:6379" }, o.Servers.Select(s => s.ToString()).ToArray());
            Assert.Equal("node1", o.Host);
            Assert.Equal(7000, o.Port);
        }

        [Theory]
        [InlineData("node1:7000,")]
        [InlineData(",node1:7000")]
        [InlineData("node1:7000,,node2:7000")]
        [InlineData("node1:7000,node2:x")]
        public void Parse_rejects_a_list_with_an_empty_or_bad_item(string text)
        {
            Assert.Throws<FormatException>(() => RedisStoreOptions.Parse(text));
        }

        [Fact]
        public void Location_of_several_servers_lists_them_all()
        {
            Assert.Equal("a:7000,[::1]:7001/0", RedisStoreOptions.Parse("a:7000,[::1]:7001").Location);
        }

        [Fact]
        public void Location_is_host_port_and_database_with_IPv6_in_brackets()
        {
            Assert.Equal("cache:6380/2", new RedisStoreOptions { Host = "cache", Port = 6380, Database = 2 }.Location);
            Assert.Equal("[::1]:6379/0", RedisStoreOptions.Parse("[::1]").Location);
        }

        [Fact]
        public void The_store_copies_the_options_so_later_changes_do_not_leak_in()
        {
            var options = new RedisStoreOptions { Host = "a", Port = 1 };
            using var store = new RedisSessionStore(options);
            options.Host = "b";
            Assert.Equal("Redis", store.Kind);
            Assert.Equal("a:1/0", store.Location);
        }

        [Fact]
        public void The_store_refuses_a_port_out_of_range()
        {
            Assert.Throws<ArgumentException>(() => new RedisSessionStore(new RedisStoreOptions { Port = 70000 }));
        }
    }
}
