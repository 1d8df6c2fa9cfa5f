// kubectl's formatEndpointSlices (describe svc's Endpoints line), case by case.
import { describe, expect, it } from 'vitest';
import { formatEndpointSlices, type EndpointSliceView } from './endpointSlices.ts';

const ep = (address: string, ready = true) => ({ address, ready });
const http = [{ name: 'http', port: 8080, protocol: 'TCP' }];

describe('formatEndpointSlices', () => {
  it.each<{ name: string; slices: EndpointSliceView[]; port: string; expected: string }>([
    { name: 'no slice at all', slices: [], port: 'http', expected: '<none>' },
    { name: 'a slice without endpoints', slices: [{ ports: null, endpoints: [] }], port: '', expected: '' },
    { name: 'ready endpoints of the named port', slices: [{ ports: http, endpoints: [ep('10.0.0.1'), ep('10.0.0.2')] }], port: 'http', expected: '10.0.0.1:8080,10.0.0.2:8080' },
    { name: 'another port name', slices: [{ ports: http, endpoints: [ep('10.0.0.1')] }], port: 'dns', expected: '' },
    { name: 'not-ready endpoints left out', slices: [{ ports: http, endpoints: [ep('10.0.0.1', false), ep('10.0.0.2')] }], port: 'http', expected: '10.0.0.2:8080' },
    { name: 'a headless slice without ports: addresses alone', slices: [{ ports: null, endpoints: [ep('10.0.0.1'), ep('10.0.0.2', false)] }], port: 'x', expected: '10.0.0.1' },
    {
      name: 'three, then how many more, across slices',
      slices: [
        { ports: http, endpoints: [ep('10.0.0.1'), ep('10.0.0.2')] },
        { ports: http, endpoints: [ep('10.0.0.3'), ep('10.0.0.4'), ep('10.0.0.5', false), ep('10.0.0.6')] },
      ],
      port: 'http',
      expected: '10.0.0.1:8080,10.0.0.2:8080,10.0.0.3:8080 + 2 more...',
    },
    { name: 'an IPv6 address in brackets (net.JoinHostPort)', slices: [{ ports: http, endpoints: [ep('fd00::1')] }], port: 'http', expected: '[fd00::1]:8080' },
  ])('$name', ({ slices, port, expected }) => {
    expect(formatEndpointSlices(slices, port)).toBe(expected);
  });
});
