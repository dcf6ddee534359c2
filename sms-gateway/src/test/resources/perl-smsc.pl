#!/usr/bin/perl
# An independent SMSC for tests, on Net::SMPP (Debian libnet-smpp-perl): one transceiver at a time on
# 127.0.0.1, checks system_id/password, answers submit_sm, decodes UDH and UCS-2 itself and prints each part
# as "PART <ref> <total> <seq> <destination> <text>", then sends a delivery receipt for it.
# Usage: perl-smsc.pl PORT SYSTEM_ID PASSWORD
use strict;
use warnings;
use Net::SMPP;
use Encode qw(decode encode);

$| = 1;
my ($port, $system_id, $password) = @ARGV;
# Net::SMPP's default 5 s timeout would also end accept(): wait for clients as long as the test runs
my $listen = Net::SMPP->new_listen('127.0.0.1', port => $port, smpp_version => 0x34, timeout => 3600)
    or die "cannot listen on $port: $!";
print "LISTENING $port\n";
my $next = 1;
while (1) {
    my $smsc = $listen->accept or next;
    while (my $pdu = $smsc->read_pdu) {
        my $cmd = $pdu->{cmd};
        if ($cmd == Net::SMPP::CMD_bind_transceiver) {
            if ($pdu->{system_id} eq $system_id && $pdu->{password} eq $password) {
                $smsc->bind_transceiver_resp(seq => $pdu->{seq}, system_id => 'perl-smsc');
                print "BOUND $pdu->{system_id}\n";
            } else {
                $smsc->bind_transceiver_resp(seq => $pdu->{seq}, status => 0x0E, system_id => 'perl-smsc');
                print "REFUSED $pdu->{system_id}\n";
            }
        } elsif ($cmd == Net::SMPP::CMD_enquire_link) {
            $smsc->enquire_link_resp(seq => $pdu->{seq});
        } elsif ($cmd == Net::SMPP::CMD_submit_sm) {
            my $id = sprintf('perl%06d', $next++);
            $smsc->submit_sm_resp(seq => $pdu->{seq}, message_id => $id);
            my $sm = $pdu->{short_message};
            my ($ref, $total, $part) = (-1, 1, 1);
            if ($pdu->{esm_class} & 0x40) {
                my $udhl = ord(substr($sm, 0, 1));
                my $udh = substr($sm, 1, $udhl);
                $sm = substr($sm, 1 + $udhl);
                my $i = 0;
                while ($i + 1 < length($udh)) {
                    my ($iei, $len) = (ord(substr($udh, $i, 1)), ord(substr($udh, $i + 1, 1)));
                    if ($iei == 0 && $len == 3) {
                        ($ref, $total, $part) = map { ord(substr($udh, $i + 2 + $_, 1)) } 0 .. 2;
                    }
                    $i += 2 + $len;
                }
            }
            my $text = $pdu->{data_coding} == 8 ? decode('UTF-16BE', $sm) : $sm;
            print "PART $ref $total $part $pdu->{destination_addr} " . encode('UTF-8', $text) . "\n";
            $smsc->deliver_sm(async => 1, source_addr => $pdu->{destination_addr}, destination_addr => $pdu->{source_addr},
                esm_class => 0x04, data_coding => 0,
                short_message => "id:$id sub:001 dlvrd:001 submit date:2611261200 done date:2611261200 stat:DELIVRD err:000 text:");
        } elsif ($cmd == Net::SMPP::CMD_unbind) {
            $smsc->unbind_resp(seq => $pdu->{seq});
            last;
        }
    }
    $smsc->close;
}
